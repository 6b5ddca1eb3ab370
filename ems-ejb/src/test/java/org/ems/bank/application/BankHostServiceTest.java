package org.ems.bank.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankRefusedException;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.JournalLine;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.ems.bank.infrastructure.JpaBankRepository;
import org.ems.crypto.AtRestCipher;
import org.ems.testing.ManualClock;
import org.ems.testing.jta.JtaHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bank host service wired as the container wires it, over the JTA harness (Hibernate + Derby XA + Narayana). */
class BankHostServiceTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final BankId BANK = new BankId("BANKA");
    private static final BankId OTHER = new BankId("BANKB");
    private static final String JPY = "JPY";
    private static final AccountNumber CLEARING = new AccountNumber(BANK, "1", "900");
    private static final AccountNumber CAPITAL = new AccountNumber(BANK, "1", "901");
    private static final AccountNumber ALICE = new AccountNumber(BANK, "1", "100");
    private static final AccountNumber SHOP = new AccountNumber(BANK, "1", "200");

    private JtaHarness harness;
    private BankHostService host;
    private BankReplies replies;

    @BeforeEach
    void wire() {
        harness = JtaHarness.start("bank-host" + RUN.incrementAndGet(), BankHostWiring.ENTITIES);
        BankHostWiring wiring = new BankHostWiring(harness, new ManualClock(Instant.parse("2026-11-30T10:00:00Z")), new SecureRandom());
        host = wiring.host;
        replies = wiring.replies;

        harness.inTransaction(em -> {
            host.openInternalAccount(CLEARING, "EMS clearing", JPY);
            host.openInternalAccount(CAPITAL, "Capital", JPY);
            host.openCustomerAccount(ALICE, "Alice", JPY, AccountKind.DEPOSIT, 0, "1234".toCharArray());
            host.openCustomerAccount(SHOP, "Shop", JPY, AccountKind.DEPOSIT, 0, "9999".toCharArray());
            host.fund("fund-alice", CAPITAL, ALICE, jpy(10_000));
            host.assignTerminal("POS-1", SHOP);
        });
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aWithdrawalIsApprovedOnceForOneKey() {
        BankReply first = handle(withdrawal(UUID.randomUUID(), "wd-1", 2_500));
        BankReply again = handle(withdrawal(UUID.randomUUID(), "wd-1", 2_500));

        assertThat(first.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(again.entryId()).isEqualTo(first.entryId());
        assertThat(balance(ALICE)).isEqualTo(jpy(7_500));
        assertThat(balance(CLEARING)).isEqualTo(jpy(2_500));
        org.ems.bank.domain.TrialBalance trial = harness.fromTransaction(em -> host.trialBalance(BANK));
        assertThat(trial.balances()).isTrue();
    }

    @Test
    void aBankPosTransferPaysWithTheRightPinAndIsRefusedWithAWrongOrForeignBlock() {
        UUID wrong = UUID.randomUUID();
        byte[] wrongBlock = harness.fromTransaction(em -> host.sealPin(BANK, wrong, "4321".toCharArray()));
        assertThat(handle(pos(wrong, "pos-1", wrongBlock)).reason()).isEqualTo(BankRefusal.WRONG_PIN);

        // A right PIN sealed for another request, or to another bank, does not open either.
        UUID other = UUID.randomUUID();
        byte[] replayed = harness.fromTransaction(em -> host.sealPin(BANK, other, "1234".toCharArray()));
        assertThat(handle(pos(UUID.randomUUID(), "pos-2", replayed)).reason()).isEqualTo(BankRefusal.WRONG_PIN);
        UUID foreign = UUID.randomUUID();
        byte[] toOtherBank = harness.fromTransaction(em -> host.sealPin(OTHER, foreign, "1234".toCharArray()));
        assertThat(handle(pos(foreign, "pos-3", toOtherBank)).reason()).isEqualTo(BankRefusal.WRONG_PIN);
        assertThat(balance(ALICE)).isEqualTo(jpy(10_000));

        UUID right = UUID.randomUUID();
        byte[] block = harness.fromTransaction(em -> host.sealPin(BANK, right, "1234".toCharArray()));
        assertThat(block.length).isLessThanOrEqualTo(BankRequest.MAX_PIN_BLOCK_BYTES);
        BankReply paid = handle(pos(right, "pos-4", block));

        assertThat(paid.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(balance(ALICE)).isEqualTo(jpy(9_000));
        assertThat(balance(SHOP)).isEqualTo(jpy(1_000));
    }

    @Test
    void theBankPinKeyIsStoredSealedAndReusedAcrossTransactions() {
        UUID correlation = UUID.randomUUID();
        byte[] block = harness.fromTransaction(em -> host.sealPin(BANK, correlation, "1234".toCharArray()));
        long keys = harness.fromTransaction(em -> em.createQuery("select count(k) from BankPinKey k", Long.class).getSingleResult());
        assertThat(keys).isEqualTo(1);
        assertThat(handle(pos(correlation, "pos-k", block)).outcome()).isEqualTo(BankReply.Outcome.APPROVED);
    }

    @Test
    void refusalsBecomeRefusedRepliesAndAdministrationRefusalsAreThrown() {
        BankReply refused = handle(withdrawal(UUID.randomUUID(), "wd-big", 10_001));
        assertThat(refused.outcome()).isEqualTo(BankReply.Outcome.REFUSED);
        assertThat(refused.reason()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(balance(ALICE)).isEqualTo(jpy(10_000));

        assertThatThrownBy(() -> harness.inTransaction(em -> host.assignTerminal("POS-2", new AccountNumber(BANK, "1", "555"))))
                .isInstanceOf(BankRefusedException.class);
        assertThatThrownBy(() -> harness.inTransaction(em -> host.openInternalAccount(CLEARING, "again", JPY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repliesAreRecordedOncePerCorrelationId() {
        UUID correlation = UUID.randomUUID();
        BankReply reply = BankReply.approved(correlation, UUID.randomUUID());
        boolean recorded = harness.fromTransaction(em -> replies.record(reply));
        boolean recordedAgain = harness.fromTransaction(em -> replies.record(BankReply.refused(correlation, BankRefusal.WRONG_PIN)));
        java.util.Optional<BankReply> found = harness.fromTransaction(em -> replies.find(correlation));
        java.util.Optional<BankReply> unknown = harness.fromTransaction(em -> replies.find(UUID.randomUUID()));
        assertThat(recorded).isTrue();
        assertThat(recordedAgain).isFalse();
        assertThat(found).contains(reply);
        assertThat(unknown).isEmpty();
    }

    private BankReply handle(BankRequest request) {
        return harness.fromTransaction(em -> host.handle(BANK, request));
    }

    private LedgerAmount balance(AccountNumber number) {
        return harness.fromTransaction(em -> host.balance(number));
    }

    private static BankRequest withdrawal(UUID correlation, String key, long amount) {
        return new BankRequest(correlation, key, BankRequest.Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(amount), null, null, null);
    }

    private static BankRequest pos(UUID correlation, String key, byte[] pinBlock) {
        return new BankRequest(correlation, key, BankRequest.Kind.POS_TRANSFER, ALICE, SHOP, jpy(1_000), "POS-1", null, pinBlock);
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, JPY);
    }
}
