package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.settlement.agents.application.AgentsFixture.JPY;
import static org.ems.settlement.agents.application.AgentsFixture.MSC;
import static org.ems.settlement.agents.application.AgentsFixture.USD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Figure 29 end to end in the JTA harness: the patent's cycle (A, B, C in USD and JPY) settles
 * through the MSC, two MSAs and three CSAs, every hop a message and every movement of money a Settle
 * Foreign Exchange between the agents' modules.
 */
class MultilateralSettlementTest {

    static final List<String> PATENT_TRADES = List.of(
            "EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD",
            "EMS-TRADE/1 2 2026-12-01 A B 500 USD 500 JPY",
            "EMS-TRADE/1 3 2026-12-01 B C 600 USD 600 JPY",
            "EMS-TRADE/1 4 2026-12-01 A B 900 JPY 900 USD");
    static final AgentId A = new AgentId("A");
    static final AgentId B = new AgentId("B");
    static final AgentId C = new AgentId("C");
    static final AgentId MSA1 = new AgentId("MSA1");
    static final AgentId MSA2 = new AgentId("MSA2");

    private AgentsFixture x;
    private Map<AgentId, ModuleId> modules;

    @BeforeEach
    void start() {
        x = new AgentsFixture("msettle");
        modules = x.agents(List.of(List.of("A", "B"), List.of("C")));
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void thePatentsCycleSettlesThroughMscMsasAndCsas() {
        CycleView closed = x.closedCycle("PAT-1", List.of("A", "B", "C"), PATENT_TRADES);
        assertThat(closed.positionsToSettle()).isEqualTo(6);
        // each net debtor acquires its debits before the settlement (A: USD 14.00; B: JPY 1,000; C: JPY 400)
        x.fund(modules.get(A), USD, 1000, 400);
        x.fund(modules.get(B), JPY, 700, 300);
        x.fund(modules.get(C), JPY, 400);
        Instant settlementTime = x.f.security.clock.instant().plus(Duration.ofHours(1));

        x.tx(() -> x.msc.start(new CycleId("PAT-1"), settlementTime));
        assertThat(x.timers.armed).containsExactly(Map.entry(new CycleId("PAT-1"), settlementTime));
        x.pump();
        assertThat(x.refusals()).isEmpty();
        // every debit reached the MSC before the settlement time; nothing is paid out yet
        assertThat(x.cycle("PAT-1")).extracting(CycleView::state, CycleView::paidIn, CycleView::paidOut)
                .containsExactly(CycleState.SETTLING, 3, 0);
        assertThat(x.balance(modules.get(MSC), USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.balance(modules.get(MSC), JPY)).isEqualTo(Money.of(JPY, 1400));

        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-1")));
        x.pump();

        assertThat(x.refusals()).isEmpty();
        assertHolds(A, Map.of(USD, 0L, JPY, 1400L));
        assertHolds(B, Map.of(USD, 1000L, JPY, 0L));
        assertHolds(C, Map.of(USD, 400L, JPY, 0L));
        for (AgentId agent : List.of(MSC, MSA1, MSA2)) {
            assertHolds(agent, Map.of(USD, 0L, JPY, 0L));
        }
        CycleView settled = x.cycle("PAT-1");
        assertThat(settled.state()).isEqualTo(CycleState.SETTLED);
        assertThat(settled.paidIn() + settled.paidOut()).isEqualTo(6);
        assertThat(settled.failed()).isZero();
        for (AgentId csa : List.of(A, B, C)) {
            assertThat(x.decision(csa, "PAT-1")).contains("SUCCESS");
        }
        assertThat(x.tx(() -> x.msc.phase(new CycleId("PAT-1")))).contains("SETTLED");
        assertConserved();
        // every Settle FX part ended DONE at both ends, in one attempt
        for (AgentId agent : modules.keySet()) {
            assertThat(x.workOf(agent, "PAT-1")).allSatisfy(w -> {
                assertThat(w.state()).isEqualTo("DONE");
                assertThat(w.attempts()).isEqualTo(1);
            });
        }
        // the settlement-time check again changes nothing
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-1")));
        assertThat(x.pump()).isZero();
    }

    @Test
    void whenOneCounterpartyNeverPaysEveryPaymentIsReturnedAndTheCycleFails() {
        x.closedCycle("PAT-2", List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1000, 400);
        x.fund(modules.get(B), JPY, 1000);
        // C never acquires its JPY 400: its CSA stays silent
        Instant settlementTime = x.f.security.clock.instant().plus(Duration.ofHours(1));
        x.tx(() -> x.msc.start(new CycleId("PAT-2"), settlementTime));
        x.pump();
        assertThat(x.tx(() -> x.csa.fundsAcquired(C, new CycleId("PAT-2")))).isFalse();
        assertThat(x.cycle("PAT-2").paidIn()).isEqualTo(2);
        // the check is refused before the settlement time, and changes nothing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-2"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(x.cycle("PAT-2").state()).isEqualTo(CycleState.SETTLING);

        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-2")));
        x.pump();

        assertThat(x.refusals()).isEmpty();
        // each paying CSA holds again exactly what it held before; nobody else holds anything
        assertHolds(A, Map.of(USD, 1400L, JPY, 0L));
        assertHolds(B, Map.of(USD, 0L, JPY, 1000L));
        assertHolds(C, Map.of(USD, 0L, JPY, 0L));
        for (AgentId agent : List.of(MSC, MSA1, MSA2)) {
            assertHolds(agent, Map.of(USD, 0L, JPY, 0L));
        }
        CycleView failed = x.cycle("PAT-2");
        assertThat(failed.state()).isEqualTo(CycleState.FAILED);
        assertThat(failed.paidIn()).isEqualTo(2);
        assertThat(failed.paidOut()).isZero();
        assertThat(failed.failed()).isEqualTo(4); // C's JPY debit and the three credits
        for (AgentId csa : List.of(A, B, C)) {
            assertThat(x.decision(csa, "PAT-2")).contains("FAILURE");
        }
        assertThat(x.workOf(MSC, "PAT-2")).extracting(AgentDirectory.WorkView::ref)
                .containsExactlyInAnyOrder("FWD.A/1", "FWD.B/1", "RET.A/1", "RET.B/1");
        assertConserved();
        // C funds itself after the decision: too late, it is not asked to pay
        x.fund(modules.get(C), JPY, 400);
        assertThat(x.tx(() -> x.csa.fundsAcquired(C, new CycleId("PAT-2")))).isFalse();
        assertThat(x.pump()).isZero();
        assertHolds(C, Map.of(JPY, 400L));
    }

    @Test
    void aPaymentThatReachesTheMscAfterAFailedDecisionIsReturned() {
        x.closedCycle("PAT-3", List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1400);
        x.fund(modules.get(C), JPY, 400);
        // B never pays; C pays its MSA, but MSA2's PAID_IN for C is late: it reaches the MSC after the decision
        Instant settlementTime = x.f.security.clock.instant().plus(Duration.ofHours(1));
        x.tx(() -> x.msc.start(new CycleId("PAT-3"), settlementTime));
        x.pump(line -> line.contains(" PAID_IN ") && line.contains(" FWD.C "));
        assertThat(x.held).hasSize(1);
        assertHolds(MSA2, Map.of(JPY, 400L));

        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-3")));
        x.pump();
        assertThat(x.cycle("PAT-3").state()).isEqualTo(CycleState.FAILED);
        assertHolds(A, Map.of(USD, 1400L));
        assertHolds(MSA2, Map.of(JPY, 400L));

        x.held.forEach(x::deliver);
        x.pump();

        assertThat(x.refusals()).isEmpty();
        assertHolds(C, Map.of(JPY, 400L, USD, 0L));
        assertHolds(A, Map.of(USD, 1400L, JPY, 0L));
        for (AgentId agent : List.of(MSC, MSA1, MSA2)) {
            assertHolds(agent, Map.of(USD, 0L, JPY, 0L));
        }
        assertThat(x.workOf(MSA2, "PAT-3")).extracting(AgentDirectory.WorkView::ref, AgentDirectory.WorkView::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IN.C/1", "DONE"), org.assertj.core.groups.Tuple.tuple("FWD.C/1", "DONE"),
                        org.assertj.core.groups.Tuple.tuple("RET.C/1", "DONE"), org.assertj.core.groups.Tuple.tuple("REFUND.C/1", "DONE"));
        assertThat(x.cycle("PAT-3")).extracting(CycleView::state, CycleView::paidIn).containsExactly(CycleState.FAILED, 1);
        for (AgentId csa : List.of(A, B, C)) {
            assertThat(x.decision(csa, "PAT-3")).contains("FAILURE");
        }
        assertConserved();
    }

    private void assertHolds(AgentId agent, Map<CurrencyCode, Long> minor) {
        minor.forEach((currency, amount) -> assertThat(x.balance(modules.get(agent), currency)).as(agent + " " + currency)
                .isEqualTo(Money.of(currency, amount)));
    }

    private void assertConserved() {
        x.funded.forEach((currency, total) -> assertThat(x.heldByAll(currency)).as("held " + currency).isEqualTo(total));
    }
}
