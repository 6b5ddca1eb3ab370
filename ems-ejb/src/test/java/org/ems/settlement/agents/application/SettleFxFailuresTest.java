package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.settlement.agents.application.AgentsFixture.JPY;
import static org.ems.settlement.agents.application.AgentsFixture.MSC;
import static org.ems.settlement.agents.application.AgentsFixture.USD;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.A;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.B;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.C;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.MSA1;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.PATENT_TRADES;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Settle FX between agents that does not succeed is visible per work item and does not lose the
 * obligation: the receiver agrees again and the payer pays again (at most three attempts); after
 * three failures the part is FAILED with its last outcome, the money stays with the payer, and the
 * cycle fails at the settlement time, returning what did arrive.
 */
class SettleFxFailuresTest {

    private static final String READY_FOR_A = "READY_TO_RECEIVE PAT-F MSA:MSA1 CSA:A IN.A/1";

    private AgentsFixture x;
    private Map<AgentId, ModuleId> modules;
    private ConversationId sessionA;

    @BeforeEach
    void start() {
        x = new AgentsFixture("sfxfail");
        modules = x.agents(List.of(List.of("A", "B"), List.of("C")));
        sessionA = x.tx(() -> x.directory.find(A)).orElseThrow().session().orElseThrow();
        x.closedCycle("PAT-F", List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1400);
        x.fund(modules.get(B), JPY, 1000);
        x.fund(modules.get(C), JPY, 400);
        x.tx(() -> x.msc.start(new CycleId("PAT-F"), x.f.security.clock.instant().plus(Duration.ofHours(1))));
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void aCsaWhosePaymentTheMsaCouldNotForwardGetsItBackFromTheMsaWhenTheCycleFails() {
        ConversationId sessionMsa1 = x.tx(() -> x.directory.find(MSA1)).orElseThrow().session().orElseThrow();
        for (int attempt = 1; attempt <= 3; attempt++) {
            // the MSC has agreed to MSA1's forwarding of A's dollars; its agreement is replaced by other amounts
            x.pump(line -> line.contains("READY_TO_RECEIVE PAT-F MSC:MSC MSA:MSA1 FWD.A/1"));
            assertThat(x.held).hasSize(1);
            x.txRun(() -> x.f.settlements.expect(modules.get(MSC), sessionMsa1, modules.get(MSA1), SettlementAmounts.none(),
                    SettlementAmounts.ofCurrency(Money.of(USD, 1))));
            x.deliver(x.held.remove(0));
        }
        x.pump();
        assertThat(x.workOf(MSA1, "PAT-F")).filteredOn(w -> w.ref().equals("FWD.A/1")).singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo("FAILED"));
        assertThat(x.balance(modules.get(MSA1), USD)).isEqualTo(Money.of(USD, 1400));

        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-F")));
        x.pump();

        assertThat(x.cycle("PAT-F").state()).isEqualTo(CycleState.FAILED);
        assertThat(x.workOf(MSA1, "PAT-F")).filteredOn(w -> w.ref().equals("REFUND.A/1")).singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo("DONE"));
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.balance(modules.get(B), JPY)).isEqualTo(Money.of(JPY, 1000));
        assertThat(x.balance(modules.get(C), JPY)).isEqualTo(Money.of(JPY, 400));
        for (AgentId agent : List.of(MSC, MSA1)) {
            assertThat(x.balance(modules.get(agent), USD)).isEqualTo(Money.of(USD, 0));
            assertThat(x.balance(modules.get(agent), JPY)).isEqualTo(Money.of(JPY, 0));
        }
        assertThat(x.refusals()).isEmpty();
    }

    /** MSA1 has agreed to A's payment; its host's agreement is replaced by other amounts, so A's settlement ends AMOUNTS_REFUSED. */
    private void spoilMsa1sAgreementOnce() {
        x.pump(line -> line.contains(READY_FOR_A));
        assertThat(x.held).hasSize(1);
        x.txRun(() -> x.f.settlements.expect(modules.get(MSA1), sessionA, modules.get(A), SettlementAmounts.none(),
                SettlementAmounts.ofCurrency(Money.of(USD, 1399))));
        String ready = x.held.remove(0);
        x.deliver(ready);
    }

    @Test
    void aRefusedSettlementIsTriedAgainAndTheCycleStillSettles() {
        spoilMsa1sAgreementOnce();
        x.pump();
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-F")));
        x.pump();

        assertThat(x.workOf(A, "PAT-F")).filteredOn(w -> w.ref().equals("IN.A/1")).singleElement().satisfies(w -> {
            assertThat(w.state()).isEqualTo("DONE");
            assertThat(w.attempts()).isEqualTo(2);
            assertThat(w.lastOutcome()).isEqualTo("PAID");
        });
        assertThat(x.workOf(MSA1, "PAT-F")).filteredOn(w -> w.ref().equals("IN.A/1")).singleElement()
                .satisfies(w -> assertThat(w.attempts()).isEqualTo(2));
        assertThat(x.cycle("PAT-F").state()).isEqualTo(CycleState.SETTLED);
        assertThat(x.balance(modules.get(A), JPY)).isEqualTo(Money.of(JPY, 1400));
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 0));
    }

    @Test
    void afterThreeFailedAttemptsThePartIsFailedTheMoneyStaysAndTheCycleFails() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            spoilMsa1sAgreementOnce();
        }
        x.pump();
        assertThat(x.workOf(A, "PAT-F")).filteredOn(w -> w.ref().equals("IN.A/1")).singleElement().satisfies(w -> {
            assertThat(w.state()).isEqualTo("FAILED");
            assertThat(w.attempts()).isEqualTo(3);
            assertThat(w.lastOutcome()).isEqualTo("AMOUNTS_REFUSED");
        });
        assertThat(x.workOf(MSA1, "PAT-F")).filteredOn(w -> w.ref().equals("IN.A/1")).singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo("FAILED"));
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));
        // MSA1's module is free again: B's payment went through to the MSC
        assertThat(x.cycle("PAT-F").paidIn()).isEqualTo(2);

        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("PAT-F")));
        x.pump();
        assertThat(x.cycle("PAT-F").state()).isEqualTo(CycleState.FAILED);
        assertThat(x.balance(modules.get(A), USD)).isEqualTo(Money.of(USD, 1400));
        assertThat(x.balance(modules.get(B), JPY)).isEqualTo(Money.of(JPY, 1000));
        assertThat(x.balance(modules.get(C), JPY)).isEqualTo(Money.of(JPY, 400));
        assertThat(x.balance(modules.get(MSC), JPY)).isEqualTo(Money.of(JPY, 0));
        assertThat(x.refusals()).isEmpty();
    }
}
