package org.ems.money.teller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.infrastructure.JpaBankRepository;
import org.ems.csm.domain.ProfileRejectedException;
import org.ems.csm.domain.ProfileRejection;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals and deposits at a bank's teller, one JTA transaction per step (Hibernate + Derby XA
 * + Narayana), against the built-in bank's ledger: the module's notes are always replaced by
 * fresh ones, the bank posts once per idempotency key, refusals and aborted payouts return the
 * value, and conservation (invariant 1) holds against the ledger after every operation.
 */
class TellerServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final String BANK = "BANKA";

    private TellerFixture f;
    private ModuleId teller;
    private ModuleId module;
    private ConversationId session;

    @BeforeEach
    void start() {
        f = new TellerFixture("teller" + RUN.incrementAndGet());
        teller = f.openBank(BANK, 100_000);
        module = f.linkedModule(BANK);
        session = f.session(module, teller);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aWithdrawalDebitsTheAccountAndGivesTheModuleFreshNotes() {
        TellerService.OperationView started = f.withdraw(module, session, BANK, 2_500, "w-1");
        assertThat(started.phase()).isEqualTo("BANKING");
        f.settle();

        assertThat(f.operation(module, "w-1").phase()).isEqualTo("COMPLETED");
        assertThat(f.balance(module)).isEqualTo(usd(2_500));
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(97_500);
        assertThat(f.account(TellerFixture.clearing(BANK))).isEqualTo(2_500);
        assertThat(f.pay.security.tx(() -> f.custody.isBusy(module))).as("module busy after the withdrawal").isFalse();
        assertThat(f.pay.security.tx(() -> f.custody.isBusy(teller))).as("teller busy after the withdrawal").isFalse();
        assertConserved();
    }

    @Test
    void everyWithdrawalAndDepositReplacesAllTheModulesNotes() {
        f.withdraw(module, session, BANK, 300, "w-1");
        f.settle();
        List<String> before = noteIds(module);

        f.withdraw(module, session, BANK, 200, "w-2");
        assertThat(f.operation(module, "w-2").phase()).isEqualTo("COLLECTING");
        f.settle();
        List<String> afterWithdrawal = noteIds(module);
        assertThat(f.balance(module)).isEqualTo(usd(500));
        assertThat(afterWithdrawal).hasSize(1).doesNotContainAnyElementsOf(before);

        f.deposit(module, session, BANK, 350, "d-1");
        f.settle();
        assertThat(f.operation(module, "d-1").phase()).isEqualTo("COMPLETED");
        assertThat(f.balance(module)).isEqualTo(usd(150));
        assertThat(noteIds(module)).hasSize(1).doesNotContainAnyElementsOf(afterWithdrawal);
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(100_000 - 500 + 350);
        assertThat(f.account(TellerFixture.clearing(BANK))).isEqualTo(150);
        assertConserved();
    }

    @Test
    void depositingEverythingLeavesTheModuleEmpty() {
        f.withdraw(module, session, BANK, 800, "w-1");
        f.settle();
        f.deposit(module, session, BANK, 800, "d-1");
        f.settle();
        assertThat(f.operation(module, "d-1").phase()).isEqualTo("COMPLETED");
        assertThat(f.balance(module)).isEqualTo(usd(0));
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(100_000);
        assertConserved();
    }

    @Test
    void aDepositOfMoreThanTheModuleHoldsIsRefusedAndChangesNothing() {
        f.withdraw(module, session, BANK, 100, "w-1");
        f.settle();
        assertThatThrownBy(() -> f.deposit(module, session, BANK, 101, "d-1")).isInstanceOf(InsufficientFundsException.class);
        assertThat(f.pay.security.tx(() -> f.teller.operation(module, "d-1"))).isEmpty();
        assertThat(f.balance(module)).isEqualTo(usd(100));
        assertThat(f.bankQueue).isEmpty();
        assertConserved();
    }

    @Test
    void aRefusedWithdrawalGivesBackWhatTheModuleReturnedAndPostsNothing() {
        f.withdraw(module, session, BANK, 400, "w-1");
        f.settle();
        f.withdraw(module, session, BANK, 200_000, "w-2");
        f.settle();

        TellerService.OperationView refused = f.operation(module, "w-2");
        assertThat(refused.phase()).isEqualTo("REFUSED");
        assertThat(refused.bankRefusal()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(f.balance(module)).isEqualTo(usd(400));
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(99_600);
        assertConserved();
    }

    @Test
    void theSameKeyRunsOnceAndAnotherRequestUnderItIsRefused() {
        TellerService.OperationView first = f.withdraw(module, session, BANK, 700, "w-1");
        TellerService.OperationView again = f.withdraw(module, session, BANK, 700, "w-1");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(f.bankQueue).hasSize(1);
        assertThatThrownBy(() -> f.withdraw(module, session, BANK, 701, "w-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("different request");
        f.settle();
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(99_300);
        assertThat(f.balance(module)).isEqualTo(usd(700));
    }

    @Test
    void aPayoutThatAbortsIsReversedAndTheReturnedValueCreditedToTheAccount() {
        f.withdraw(module, session, BANK, 600, "w-1");
        f.settle();
        f.withdraw(module, session, BANK, 250, "w-2");
        // Deliver everything except the teller's fresh notes: the module never sees them.
        for (int i = 0; i < 50 && f.operation(module, "w-2").payoutPayment() == null; i++) {
            if (!f.bankQueue.isEmpty() || f.pay.transport.queue.isEmpty()) {
                TellerFixture.Request next = f.bankQueue.poll();
                if (next != null) {
                    f.pay.security.txRun(() -> f.bank.replies.record(f.bank.host.handle(next.bank(), next.request())));
                }
            } else {
                f.pay.deliverNext();
            }
        }
        assertThat(f.operation(module, "w-2").phase()).isEqualTo("PAYING_OUT");
        f.pay.transport.queue.clear();
        f.pay.security.clock.advance(Duration.ofMinutes(5));
        f.pay.fireDueTimers();
        f.settle();

        assertThat(f.operation(module, "w-2").phase()).isEqualTo("RETURNED_TO_ACCOUNT");
        assertThat(f.balance(module)).isEqualTo(usd(0));
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(100_000);
        assertThat(f.account(TellerFixture.clearing(BANK))).isEqualTo(0);
        assertConserved();
    }

    @Test
    void conservationCountsALostAcknowledgementAsAFailedCommitAndAnAbortedPaymentAsNothingLost() {
        f.withdraw(module, session, BANK, 1_000, "w-1");
        f.settle();
        ModuleId payee = f.pay.signedOnModule();
        ConversationId shop = f.session(module, payee);

        // Aborted before Ready-to-Commit: the notes are lost in the network, the payer keeps its notes.
        f.pay.security.txRun(() -> f.pay.payments.expect(payee, shop, module, usd(300)));
        f.pay.security.txRun(() -> f.pay.payments.pay(module, shop, usd(300)));
        f.pay.transport.queue.poll();
        f.pay.security.clock.advance(Duration.ofSeconds(31));
        f.pay.fireDueTimers();
        f.pay.pump();
        assertThat(f.balance(module)).isEqualTo(usd(1_000));
        assertConserved();

        // Committed by the payer, the acknowledgement lost: the payee records a failed commit of 600.
        ConversationId again = f.session(module, payee);
        f.pay.security.txRun(() -> f.pay.payments.expect(payee, again, module, usd(600)));
        f.pay.security.txRun(() -> f.pay.payments.pay(module, again, usd(600)));
        f.pay.deliverNext();
        f.pay.deliverNext();
        f.pay.transport.queue.poll();
        f.pay.security.clock.advance(Duration.ofSeconds(31));
        f.pay.fireDueTimers();
        f.pay.pump();

        ConservationReport report = f.conservation().get(0);
        assertThat(report.failedCommits()).isEqualTo(usd(600));
        assertThat(report.held()).isEqualTo(usd(400));
        assertThat(report.inTransit()).isEqualTo(usd(0));
        assertConserved();
    }

    @Test
    void aSessionWithAnotherModuleOrAnUnknownBankIsRefused() {
        ModuleId other = f.pay.signedOnModule();
        ConversationId notTheTeller = f.session(module, other);
        assertThatThrownBy(() -> f.withdraw(module, notTheTeller, BANK, 100, "w-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the teller");
        assertThatThrownBy(() -> f.withdraw(module, session, "BANKZ", 100, "w-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no EMS teller");
        assertThatThrownBy(() -> f.withdraw(module, session, BANK, 100, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotency key");
        assertThat(f.bankQueue).isEmpty();
    }

    @Test
    void aWithdrawalOrDepositForAnUnlinkedOrInactiveAccountIsRefusedAndChangesNothing() {
        f.withdraw(module, session, BANK, 500, "w-1");
        f.settle();
        ModuleId stranger = f.pay.signedOnModule();
        ConversationId strangerSession = f.session(stranger, teller);
        assertThatThrownBy(() -> f.withdraw(stranger, strangerSession, BANK, 100, "w-x"))
                .isInstanceOfSatisfying(ProfileRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProfileRejection.ACCOUNT_NOT_LISTED));

        // A second account of the customer, linked while open, then closed at the bank.
        AccountNumber second = new AccountNumber(new BankId(BANK), "1", "101");
        f.pay.security.txRun(() -> f.bank.host.openCustomerAccount(second, TellerFixture.CUSTOMER, "USD", AccountKind.DEPOSIT, 0,
                "1234".toCharArray()));
        f.pay.security.clock.advance(Duration.ofSeconds(1));
        f.link(module, BANK, second);
        var em = f.pay.security.harness.transactionScopedEntityManager();
        f.pay.security.txRun(() -> new JpaBankRepository(em).findAccount(second).orElseThrow().close());
        assertThatThrownBy(() -> f.pay.security.tx(() -> f.teller.deposit(module, session, second, usd(200), "d-x")))
                .isInstanceOfSatisfying(ProfileRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProfileRejection.ACCOUNT_INACTIVE));
        assertThatThrownBy(() -> f.pay.security.tx(() -> f.teller.withdraw(module, session, second, usd(200), "w-y")))
                .isInstanceOfSatisfying(ProfileRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProfileRejection.ACCOUNT_INACTIVE));

        assertThat(f.bankQueue).isEmpty();
        assertThat(f.pay.security.tx(() -> f.teller.operation(stranger, "w-x"))).isEmpty();
        assertThat(f.pay.security.tx(() -> f.teller.operation(module, "d-x"))).isEmpty();
        assertThat(f.pay.security.tx(() -> f.teller.operation(module, "w-y"))).isEmpty();
        assertThat(f.balance(module)).isEqualTo(usd(500));
        assertThat(f.balance(stranger)).isEqualTo(usd(0));
        assertThat(f.account(TellerFixture.customer(BANK))).isEqualTo(99_500);
        assertThat(f.pay.security.tx(() -> f.custody.isBusy(module))).isFalse();
        assertConserved();

        // The still-open account stays usable.
        f.deposit(module, session, BANK, 200, "d-1");
        f.settle();
        assertThat(f.operation(module, "d-1").phase()).isEqualTo("COMPLETED");
    }

    @Test
    void anExpiredProfileIsRefusedUntilTheCsmRevalidatesIt() {
        f.pay.security.clock.advance(Duration.ofDays(91));
        assertThatThrownBy(() -> f.withdraw(module, session, BANK, 100, "w-1"))
                .isInstanceOfSatisfying(ProfileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(ProfileRejection.EXPIRED));
        assertThat(f.bankQueue).isEmpty();
        assertThat(f.pay.security.tx(() -> f.teller.operation(module, "w-1"))).isEmpty();

        f.revalidate(module, BANK);
        ConversationId fresh = f.session(module, teller);
        f.withdraw(module, fresh, BANK, 100, "w-1");
        f.settle();
        assertThat(f.operation(module, "w-1").phase()).isEqualTo("COMPLETED");
        assertThat(f.balance(module)).isEqualTo(usd(100));
    }

    private List<String> noteIds(ModuleId m) {
        return f.pay.security.tx(() -> f.custody.books().get(m).notes().notes().stream().map(h -> h.id().toString()).toList());
    }

    private void assertConserved() {
        List<ConservationReport> reports = f.conservation();
        assertThat(reports).isNotEmpty();
        for (ConservationReport report : reports) {
            assertThat(report.operationsInFlight()).isZero();
            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.bankClearing()).isEqualTo(report.outstanding());
        }
    }

    private static Money usd(long cents) {
        return Money.of(TellerFixture.USD, cents);
    }
}
