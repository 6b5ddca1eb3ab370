package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.settlement.agents.application.AgentsFixture.JPY;
import static org.ems.settlement.agents.application.AgentsFixture.MSC;
import static org.ems.settlement.agents.application.AgentsFixture.USD;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.A;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.B;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.C;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.MSA1;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.PATENT_TRADES;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.application.AgentDirectory.WorkView;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator retries a transfer part left FAILED ({@link AgentDirectory#retry}): the receiver's side
 * and the payer's side each go back to work, the part completes and the cycle settles with every
 * currency conserved; a payer that could not pay is funded again and retried; and every retry that is
 * not allowed (a part DONE, open or unknown, an unknown agent, a FWD whose refund is queued) is
 * refused with nothing changed.
 */
class FailedPartRetryTest {

    private static final String READY_FOR_A = "READY_TO_RECEIVE PAT-R MSA:MSA1 CSA:A IN.A/1";
    private static final CycleId CYCLE = new CycleId("PAT-R");
    private static final TransferRef IN_A = TransferRef.of(TransferRef.Kind.IN, A).part(1);
    private static final TransferRef FWD_A = TransferRef.of(TransferRef.Kind.FWD, A).part(1);

    private AgentsFixture x;
    private Map<AgentId, ModuleId> modules;
    private ConversationId sessionA;

    @BeforeEach
    void start() {
        x = new AgentsFixture("retry");
        modules = x.agents(List.of(List.of("A", "B"), List.of("C")));
        sessionA = x.tx(() -> x.directory.find(A)).orElseThrow().session().orElseThrow();
        x.closedCycle("PAT-R", List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1400);
        x.fund(modules.get(B), JPY, 1000);
        x.fund(modules.get(C), JPY, 400);
        x.tx(() -> x.msc.start(CYCLE, x.f.security.clock.instant().plus(Duration.ofHours(1))));
    }

    @AfterEach
    void stop() {
        x.close();
    }

    /** MSA1 has agreed to A's payment; its agreement is replaced by other amounts, so A's settlement ends AMOUNTS_REFUSED. */
    private void spoilMsa1sAgreementOnce() {
        x.pump(line -> line.contains(READY_FOR_A));
        assertThat(x.held).hasSize(1);
        x.txRun(() -> x.f.settlements.expect(modules.get(MSA1), sessionA, modules.get(A), SettlementAmounts.none(),
                SettlementAmounts.ofCurrency(Money.of(USD, 1399))));
        x.deliver(x.held.remove(0));
    }

    private WorkView part(AgentId agent, TransferRef ref) {
        return x.workOf(agent, "PAT-R").stream().filter(w -> w.ref().equals(ref.encode())).findFirst().orElseThrow();
    }

    private WorkView retry(AgentId agent, TransferRef ref) {
        return x.tx(() -> x.directory.retry(agent, CYCLE, ref));
    }

    private void settlementTime() {
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(CYCLE));
        x.pump();
    }

    private void assertConserved() {
        for (CurrencyCode currency : List.of(USD, JPY)) {
            assertThat(x.heldByAll(currency)).as("%s held by all modules", currency).isEqualTo(x.funded.get(currency));
        }
    }

    private void assertSettledToNetPositions() {
        assertThat(x.cycle("PAT-R").state()).isEqualTo(CycleState.SETTLED);
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 0));
        assertThat(x.balance(modules.get(A), JPY)).isEqualTo(Money.of(JPY, 1400));
        for (AgentId agent : List.of(MSC, MSA1)) {
            assertThat(x.balance(modules.get(agent), USD)).isEqualTo(Money.of(USD, 0));
            assertThat(x.balance(modules.get(agent), JPY)).isEqualTo(Money.of(JPY, 0));
        }
        assertConserved();
    }

    /** Every agent's work of the cycle and every module's holdings: what a refused retry must leave as it was. */
    private Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map.Entry<AgentId, ModuleId> agent : modules.entrySet()) {
            all.put("work " + agent.getKey(), x.workOf(agent.getKey(), "PAT-R"));
            all.put("USD " + agent.getKey(), x.balance(agent.getValue(), USD));
            all.put("JPY " + agent.getKey(), x.balance(agent.getValue(), JPY));
        }
        all.put("cycle", x.cycle("PAT-R"));
        all.put("messages", x.messenger.queue.size());
        return all;
    }

    @Test
    void aPartFailedThreeTimesIsRetriedReceiverFirstThenPayerAndTheCycleSettles() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            spoilMsa1sAgreementOnce();
        }
        x.pump();
        assertThat(part(A, IN_A).state()).isEqualTo("FAILED");
        assertThat(part(MSA1, IN_A).state()).isEqualTo("FAILED");
        assertThat(x.cycle("PAT-R").paidIn()).isEqualTo(2);

        WorkView receiver = retry(MSA1, IN_A);
        // MSA1's module is free: it agrees at once and tells A
        assertThat(receiver.state()).isEqualTo("AGREED");
        assertThat(receiver.failures()).isZero();
        assertThat(receiver.attempts()).isEqualTo(4);
        x.pump();
        // A's part is still FAILED (nothing moves before the operator retries the payer too), but it kept MSA1's READY
        assertThat(part(A, IN_A).state()).isEqualTo("FAILED");
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));

        WorkView payer = retry(A, IN_A);
        assertThat(payer.state()).isEqualTo("SETTLING");
        assertThat(payer.failures()).isZero();
        x.pump();
        assertThat(part(A, IN_A)).satisfies(w -> {
            assertThat(w.state()).isEqualTo("DONE");
            assertThat(w.attempts()).isEqualTo(4);
            assertThat(w.failures()).isZero();
            assertThat(w.settled()).isEqualTo("USD:1400");
        });
        assertThat(part(MSA1, IN_A).state()).isEqualTo("DONE");
        assertThat(x.cycle("PAT-R").paidIn()).isEqualTo(3);

        settlementTime();
        assertSettledToNetPositions();
        assertThat(x.refusals()).isEmpty();
        // done now: a retry is refused, nothing changes
        Map<String, Object> before = snapshot();
        assertThatThrownBy(() -> retry(A, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("DONE");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anMsaThatCannotForwardAfterTheFailureRefundsItsCsaAndAnOperatorRetriesTheRefundOnceFunded() {
        // MSC has agreed to MSA1's forward of A's dollars; before MSA1 hears of it, MSA1's module pays them elsewhere
        x.pump(line -> line.contains("READY_TO_RECEIVE PAT-R MSC:MSC MSA:MSA1 FWD.A/1"));
        assertThat(x.held).hasSize(1);
        ModuleId elsewhere = x.f.signedOnModule();
        ConversationId session = x.f.session(modules.get(MSA1), elsewhere);
        x.txRun(() -> x.f.payments.expect(elsewhere, session, modules.get(MSA1), Money.of(USD, 1400)));
        x.tx(() -> x.f.payments.pay(modules.get(MSA1), session, Money.of(USD, 1400)));
        x.pump();
        settlementTime();                                   // A's debits never reached the MSC: FAILURE
        assertThat(x.cycle("PAT-R").state()).isEqualTo(CycleState.FAILED);

        x.deliver(x.held.remove(0));
        x.pump();
        // the forward could not be paid: FAILED, and since the cycle failed, A's dollars are to go back to A from MSA1
        assertThat(part(MSA1, FWD_A)).satisfies(w -> {
            assertThat(w.state()).isEqualTo("FAILED");
            assertThat(w.lastOutcome()).isEqualTo("INSUFFICIENT_FUNDS");
        });
        TransferRef refund = TransferRef.of(TransferRef.Kind.REFUND, A).part(1);
        assertThat(part(MSA1, refund)).satisfies(w -> {
            assertThat(w.state()).isEqualTo("FAILED");                 // MSA1 no longer holds them either
            assertThat(w.lastOutcome()).isEqualTo("INSUFFICIENT_FUNDS");
        });
        assertThat(part(A, refund).state()).isEqualTo("AGREED");
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 0));

        // the operator funds MSA1 and retries the refund: A has its dollars back
        x.fund(modules.get(MSA1), USD, 1400);
        retry(MSA1, refund);
        x.pump();
        assertThat(part(MSA1, refund).state()).isEqualTo("DONE");
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.balance(elsewhere, USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.refusals()).isEmpty();
    }

    @Test
    void aPayerThatLostItsFundsIsFundedAgainAndRetried() {
        // MSA1 has agreed to A's payment; before A hears of it, A's module pays its dollars elsewhere
        x.pump(line -> line.contains(READY_FOR_A));
        assertThat(x.held).hasSize(1);
        ModuleId elsewhere = x.f.signedOnModule();
        ConversationId session = x.f.session(modules.get(A), elsewhere);
        x.txRun(() -> x.f.payments.expect(elsewhere, session, modules.get(A), Money.of(USD, 1400)));
        x.tx(() -> x.f.payments.pay(modules.get(A), session, Money.of(USD, 1400)));
        x.pump();
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 0));
        x.deliver(x.held.remove(0));
        x.pump();
        assertThat(part(A, IN_A)).satisfies(w -> {
            assertThat(w.state()).isEqualTo("FAILED");
            assertThat(w.lastOutcome()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(w.attempts()).isZero();
        });
        assertThat(part(MSA1, IN_A).state()).isEqualTo("AGREED");

        // the receiver's side is open (still agreed): not retried, nothing changes
        Map<String, Object> before = snapshot();
        assertThatThrownBy(() -> retry(MSA1, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("AGREED");
        assertThat(snapshot()).isEqualTo(before);

        x.fund(modules.get(A), USD, 1400);
        WorkView payer = retry(A, IN_A);
        assertThat(payer.state()).isEqualTo("SETTLING");
        x.pump();
        assertThat(part(A, IN_A).state()).isEqualTo("DONE");
        assertThat(part(MSA1, IN_A).state()).isEqualTo("DONE");

        settlementTime();
        assertSettledToNetPositions();
        assertThat(x.balance(elsewhere, USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.refusals()).isEmpty();
    }

    @Test
    void retriesThatAreNotAllowedAreRefusedAndChangeNothing() {
        // the MSC's agreement to MSA1's forwarding of A's dollars is spoiled three times: FWD.A FAILED at both ends
        ConversationId sessionMsa1 = x.tx(() -> x.directory.find(MSA1)).orElseThrow().session().orElseThrow();
        for (int attempt = 1; attempt <= 3; attempt++) {
            x.pump(line -> line.contains("READY_TO_RECEIVE PAT-R MSC:MSC MSA:MSA1 FWD.A/1"));
            assertThat(x.held).hasSize(1);
            x.txRun(() -> x.f.settlements.expect(modules.get(MSC), sessionMsa1, modules.get(MSA1), SettlementAmounts.none(),
                    SettlementAmounts.ofCurrency(Money.of(USD, 1))));
            x.deliver(x.held.remove(0));
        }
        x.pump();
        assertThat(part(MSA1, FWD_A).state()).isEqualTo("FAILED");
        assertThat(part(MSC, FWD_A).state()).isEqualTo("FAILED");
        // the cycle fails: MSA1 refunds A's dollars itself (REFUND.A queued and paid)
        settlementTime();
        assertThat(x.cycle("PAT-R").state()).isEqualTo(CycleState.FAILED);
        assertThat(part(MSA1, TransferRef.of(TransferRef.Kind.REFUND, A).part(1)).state()).isEqualTo("DONE");
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));

        Map<String, Object> before = snapshot();
        // the FWD at either end: the money went back to A, a retry would move it twice
        assertThatThrownBy(() -> retry(MSA1, FWD_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("REFUND.A");
        assertThatThrownBy(() -> retry(MSC, FWD_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("REFUND.A");
        // a DONE part
        assertThatThrownBy(() -> retry(A, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("DONE");
        // unknown part, a ref without part number, unknown agent
        assertThatThrownBy(() -> retry(A, TransferRef.of(TransferRef.Kind.IN, B).part(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no part IN.B/1");
        assertThatThrownBy(() -> retry(A, TransferRef.of(TransferRef.Kind.IN, A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IN.A/1");
        assertThatThrownBy(() -> retry(new AgentId("NOBODY"), IN_A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no agent NOBODY");
        assertThatThrownBy(() -> x.tx(() -> x.directory.retry(A, new CycleId("NO-CYCLE"), IN_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no part");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(x.balance(modules.get(C), JPY)).isEqualTo(Money.of(JPY, 400));
        assertConserved();
    }

    @Test
    void aPayerIsNotRetriedWhenItsReceiverFailedToCommitOrCountsOtherAmountsSettled() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            spoilMsa1sAgreementOnce();
        }
        x.pump();
        assertThat(retry(MSA1, IN_A).state()).isEqualTo("AGREED");
        x.pump();
        // MSA1's side of an attempt ends as if its commit failed (the payer may have paid): a claim
        ConversationId settlement = ConversationId.parse("000000000000000000000000000000aa");
        x.txRun(() -> x.repository.work(MSA1, "PAT-R", IN_A).orElseThrow().ended(settlement, "FAILED_COMMIT", false,
                org.ems.settlement.agents.domain.AgentAmounts.none(), true, x.f.security.clock.instant()));
        Map<String, Object> before = snapshot();
        assertThatThrownBy(() -> retry(A, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED_COMMIT");
        assertThatThrownBy(() -> retry(MSA1, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("claim");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(part(A, IN_A).state()).isEqualTo("FAILED");
    }

    @Test
    void aPayerIsNotRetriedWhenItsReceiverCountsMoreSettledThanItDoes() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            spoilMsa1sAgreementOnce();
        }
        x.pump();
        assertThat(retry(MSA1, IN_A).state()).isEqualTo("AGREED");
        x.pump();
        // MSA1 counted 1.00 dollar received that A never counted paid: the sides disagree about what moved
        ConversationId settlement = ConversationId.parse("000000000000000000000000000000bb");
        x.txRun(() -> x.repository.work(MSA1, "PAT-R", IN_A).orElseThrow().ended(settlement, "RECEIVED", true,
                org.ems.settlement.agents.domain.AgentAmounts.of(Money.of(USD, 100)), false, x.f.security.clock.instant()));
        Map<String, Object> before = snapshot();
        assertThatThrownBy(() -> retry(A, IN_A)).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(part(A, IN_A).state()).isEqualTo("FAILED");
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));
    }
}
