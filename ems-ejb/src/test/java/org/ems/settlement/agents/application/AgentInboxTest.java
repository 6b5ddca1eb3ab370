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
import static org.ems.settlement.agents.application.MultilateralSettlementTest.MSA2;
import static org.ems.settlement.agents.application.MultilateralSettlementTest.PATENT_TRADES;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ems.money.domain.Money;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' inbox and commands refuse what does not fit and change nothing: malformed lines,
 * unknown agents, wrong roles, unrelated agents, wrong amounts, unknown transfers and cycles,
 * messages out of state; an exact copy of an accepted message is a duplicate, also in the middle
 * of a settlement; the directory and the MSC's commands refuse bad requests.
 */
class AgentInboxTest {

    private AgentsFixture x;
    private Map<AgentId, ModuleId> modules;
    private Instant settlementTime;

    @BeforeEach
    void start() {
        x = new AgentsFixture("inbox");
        modules = x.agents(List.of(List.of("A", "B"), List.of("C")));
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private void startPatentCycle(String id) {
        x.closedCycle(id, List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1400);
        x.fund(modules.get(B), JPY, 1000);
        x.fund(modules.get(C), JPY, 400);
        settlementTime = x.f.security.clock.instant().plus(Duration.ofHours(1));
        x.tx(() -> x.msc.start(new CycleId(id), settlementTime));
    }

    @Test
    void everyMessageDeliveredTwiceSettlesExactlyAsOnce() {
        startPatentCycle("DUP-1");
        x.redeliverEach = true;
        x.pump();
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("DUP-1")));
        x.pump();

        assertThat(x.deliveries).extracting(e -> e.getValue().status()).containsOnly(AgentDelivery.Status.ACCEPTED,
                AgentDelivery.Status.DUPLICATE);
        assertThat(x.balance(modules.get(A), JPY)).isEqualTo(Money.of(JPY, 1400));
        assertThat(x.balance(modules.get(B), USD)).isEqualTo(Money.of(USD, 1000));
        assertThat(x.balance(modules.get(C), USD)).isEqualTo(Money.of(USD, 400));
        assertThat(x.balance(modules.get(MSC), USD)).isEqualTo(Money.of(USD, 0));
        assertThat(x.cycle("DUP-1").state()).isEqualTo(CycleState.SETTLED);
        // and every message again, after the end, changes nothing either
        List<String> all = x.messenger.sent.stream().map(m -> m.encode()).toList();
        List<Object> before = snapshot("DUP-1");
        for (String line : all) {
            assertThat(x.deliver(line).status()).isEqualTo(AgentDelivery.Status.DUPLICATE);
        }
        assertThat(x.pump()).isZero();
        assertThat(snapshot("DUP-1")).isEqualTo(before);
    }

    @Test
    void badMessagesAreRefusedWithAReasonAndChangeNothing() {
        startPatentCycle("BAD-1");
        x.pump();
        List<Object> before = snapshot("BAD-1");
        int sent = x.messenger.sent.size();
        String time = settlementTime.toString();

        Map<String, AgentRefusal> bad = new java.util.LinkedHashMap<>();
        bad.put("", AgentRefusal.MALFORMED);
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 USD:1400", AgentRefusal.MALFORMED);           // a field missing
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 USD:01400 -", AgentRefusal.MALFORMED);       // not canonical
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1  MSC:MSC FWD.A 0 USD:1400 -", AgentRefusal.MALFORMED);       // two spaces
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 USD:1400,JPY:5 -", AgentRefusal.MALFORMED);  // out of order
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 XYZ:1400 -", AgentRefusal.MALFORMED);        // no such currency
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC IN.A 0 USD:1400 -", AgentRefusal.MALFORMED);         // wrong transfer kind
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 CSA:A FWD.A 0 USD:1400 -", AgentRefusal.MALFORMED);          // wrong route
        bad.put("EMS-AGENT/1 HELLO BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 USD:1400 -", AgentRefusal.MALFORMED);          // unknown kind
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA9 MSC:MSC FWD.A 0 USD:1400 -", AgentRefusal.UNKNOWN_AGENT);
        bad.put("EMS-AGENT/1 DEBIT_DATA BAD-1 MSA:MSA1 CSA:Z DEBIT.Z 0 USD:1400 " + time, AgentRefusal.UNKNOWN_AGENT);
        bad.put("EMS-AGENT/1 DEBIT_DATA BAD-1 MSC:MSC MSA:A DEBIT.A 0 USD:1400 " + time, AgentRefusal.WRONG_ROLE);
        bad.put("EMS-AGENT/1 FUNDS_ACQUIRED BAD-1 CSA:C MSA:MSA1 IN.C 0 JPY:400 -", AgentRefusal.NOT_RELATED);   // C is under MSA2
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA2 MSC:MSC FWD.A 0 USD:1400 -", AgentRefusal.NOT_RELATED);      // A is not under MSA2
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.A 0 USD:1399 -", AgentRefusal.WRONG_AMOUNTS);
        bad.put("EMS-AGENT/1 PAID_OUT BAD-1 MSA:MSA1 MSC:MSC CR.B 0 USD:1000 -", AgentRefusal.WRONG_STATE);      // nothing paid out yet
        bad.put("EMS-AGENT/1 DEBIT_DATA BAD-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1400 " + settlementTime.plusSeconds(1),
                AgentRefusal.WRONG_STATE);                                                                        // debit data again
        bad.put("EMS-AGENT/1 PAID_IN BAD-1 MSA:MSA1 MSC:MSC FWD.C 0 JPY:400 -", AgentRefusal.NOT_RELATED);
        bad.put("EMS-AGENT/1 READY_TO_RECEIVE BAD-1 MSA:MSA1 CSA:A CR.A/1 1 JPY:1400 -", AgentRefusal.UNKNOWN_TRANSFER);
        bad.put("EMS-AGENT/1 RETURN BAD-1 MSA:MSA1 CSA:B REFUND.B 0 JPY:1000 -", AgentRefusal.WRONG_STATE);    // before any FAILURE
        bad.put("EMS-AGENT/1 RETURN BAD-1 MSA:MSA1 CSA:B REFUND.B 0 JPY:999 -", AgentRefusal.WRONG_AMOUNTS);
        bad.put("EMS-AGENT/1 PAYOUT BAD-1 MSA:MSA1 CSA:B CR.B 0 USD:1000 -", AgentRefusal.WRONG_STATE);        // before any SUCCESS
        bad.put("EMS-AGENT/1 PAYOUT BAD-1 MSC:MSC MSA:MSA1 OUT.MSA1 0 JPY:1400,USD:1000 -", AgentRefusal.WRONG_STATE);
        bad.put("EMS-AGENT/1 PAYOUT BAD-1 MSA:MSA1 CSA:B CR.A 0 USD:1000 -", AgentRefusal.NOT_RELATED);        // not B's credit
        bad.put("EMS-AGENT/1 RETURN BAD-1 MSC:MSC MSA:MSA1 RET.A 0 USD:1400 -", AgentRefusal.WRONG_STATE);
        bad.put("EMS-AGENT/1 PAID_IN NOPE MSA:MSA1 MSC:MSC FWD.A 0 USD:1400 -", AgentRefusal.UNKNOWN_CYCLE);
        bad.put("EMS-AGENT/1 FUNDS_ACQUIRED NOPE CSA:A MSA:MSA1 IN.A 0 USD:1400 -", AgentRefusal.UNKNOWN_TRANSFER);

        List<String> mismatches = new ArrayList<>();
        bad.forEach((line, reason) -> {
            // signed by the module of the agent the line names as sender (by the MSC's if there is none), so the checks
            // after the signature's are reached: these lines are what that agent's own module could sign
            AgentDelivery delivery = x.deliver(line, Optional.of(x.signatureBy(claimedSender(line), line)));
            if (!delivery.refusal().equals(Optional.of(reason))) {
                mismatches.add(line + " -> " + delivery);
            }
        });
        assertThat(mismatches).isEmpty();
        assertThat(x.refusals()).allSatisfy(r -> assertThat(r.getValue().reason()).startsWith(r.getValue().refusal().orElseThrow().name()));
        assertThat(x.messenger.sent).hasSize(sent);
        assertThat(x.messenger.queue).isEmpty();
        assertThat(snapshot("BAD-1")).isEqualTo(before);

        // the settlement goes on untroubled
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("BAD-1")));
        x.pump();
        assertThat(x.cycle("BAD-1").state()).isEqualTo(CycleState.SETTLED);
    }

    @Test
    void theMscRefusesToStartWhatItCannotSettle() {
        // an open cycle
        x.tx(() -> x.cycles.open(new CycleId("OPEN-1"), AgentsFixture.VALUE_DATE, x.f.security.clock.instant().plusSeconds(600),
                List.of(new org.ems.settlement.domain.CounterpartyId("A"), new org.ems.settlement.domain.CounterpartyId("B"))));
        assertThatThrownBy(() -> x.tx(() -> x.msc.start(new CycleId("OPEN-1"), x.f.security.clock.instant())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not CLOSED");
        assertThatThrownBy(() -> x.tx(() -> x.msc.start(new CycleId("NONE"), x.f.security.clock.instant())))
                .isInstanceOf(IllegalArgumentException.class);
        // a counterparty without a CSA
        x.closedCycle("NOCSA-1", List.of("A", "D"), List.of("EMS-TRADE/1 1 2026-12-01 A D 500 USD 500 JPY"));
        assertThatThrownBy(() -> x.tx(() -> x.msc.start(new CycleId("NOCSA-1"), x.f.security.clock.instant())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("D");
        assertThat(x.cycle("NOCSA-1").state()).isEqualTo(CycleState.CLOSED);
        assertThat(x.messenger.sent).isEmpty();
        assertThat(x.timers.armed).isEmpty();
        assertThatThrownBy(() -> x.txRun(() -> x.msc.settlementTimeReached(new CycleId("NOCSA-1"))))
                .isInstanceOf(IllegalArgumentException.class);
        // starting again: the same time returns the cycle, another time is refused
        startPatentCycle("TWICE-1");
        x.tx(() -> x.msc.start(new CycleId("TWICE-1"), settlementTime));
        assertThatThrownBy(() -> x.tx(() -> x.msc.start(new CycleId("TWICE-1"), settlementTime.plusSeconds(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(x.timers.armed).hasSize(1);
        assertThat(x.messenger.sent).hasSize(3);
    }

    @Test
    void theDirectoryRefusesBadRegistrations() {
        ModuleId spare = x.f.signedOnModule();
        AgentDirectory d = x.directory;
        assertThat(x.tx(() -> d.register(A, AgentRole.CSA, modules.get(A), Optional.of(MSA1))).connected()).isTrue();
        assertThatThrownBy(() -> x.tx(() -> d.register(A, AgentRole.CSA, spare, Optional.of(MSA1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("MSC2"), AgentRole.MSC, spare, Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MSC already");
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("E"), AgentRole.CSA, spare, Optional.of(MSC))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("E"), AgentRole.CSA, spare, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("MSA3"), AgentRole.MSA, spare, Optional.of(MSA1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("E"), AgentRole.CSA, modules.get(B), Optional.of(MSA2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("B");
        assertThatThrownBy(() -> x.tx(() -> d.register(new AgentId("E"), AgentRole.CSA, new ModuleId(12345), Optional.of(MSA2))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.tx(() -> d.connect(MSC))).isInstanceOf(IllegalArgumentException.class);
        assertThat(x.tx(() -> d.all())).hasSize(6);
        // a registered but unconnected CSA is not connected until its session is established
        x.tx(() -> d.register(new AgentId("E"), AgentRole.CSA, spare, Optional.of(MSA2)));
        assertThat(x.tx(() -> d.find(new AgentId("E"))).orElseThrow().connected()).isFalse();
        x.tx(() -> d.connect(new AgentId("E")));
        assertThat(x.tx(() -> d.find(new AgentId("E"))).orElseThrow().connected()).isFalse();
        x.f.pump();
        assertThat(x.tx(() -> d.find(new AgentId("E"))).orElseThrow().connected()).isTrue();
    }

    /** The agent a line names as its sender (fourth field, after the role), or the MSC when there is no such agent. */
    private AgentId claimedSender(String line) {
        String[] fields = line.split(" ");
        if (fields.length < 4 || !fields[3].contains(":")) {
            return MSC;
        }
        AgentId named = new AgentId(fields[3].substring(fields[3].indexOf(':') + 1));
        return x.tx(() -> x.repository.find(named)).isPresent() ? named : MSC;
    }

    /** Everything the agents hold of the cycle (see {@link AgentsFixture#holdings}). */
    private List<Object> snapshot(String cycle) {
        return x.holdings(cycle, modules);
    }
}
