package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.Set;
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
 * Every agent message carries the signature of the sending agent's module, and the inbox refuses,
 * before anything changes, a line without one, a line altered after signing, a signature by another
 * agent's module, a signature replayed on another line, a sender whose session is not established
 * and a sender bad-listed after its session was established. Refused lines change no work item, no
 * fact, no holding and send nothing; the genuine lines delivered afterwards settle the cycle.
 */
class SignedMessagesTest {

    private AgentsFixture x;
    private Map<AgentId, ModuleId> modules;

    @BeforeEach
    void start() {
        x = new AgentsFixture("signed");
        modules = x.agents(List.of(List.of("A", "B"), List.of("C")));
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private void startPatentCycle(String id, java.util.function.Predicate<String> hold) {
        x.closedCycle(id, List.of("A", "B", "C"), PATENT_TRADES);
        x.fund(modules.get(A), USD, 1400);
        x.fund(modules.get(B), JPY, 1000);
        x.fund(modules.get(C), JPY, 400);
        Instant settlementTime = x.f.security.clock.instant().plus(Duration.ofHours(1));
        x.tx(() -> x.msc.start(new CycleId(id), settlementTime));
        x.pump(hold);
    }

    private static boolean to(String line, String addressee) {
        String[] fields = line.split(" ");
        return fields.length > 4 && fields[4].equals(addressee);
    }

    private String held(String kind) {
        return x.held.stream().filter(l -> l.split(" ")[1].equals(kind)).findFirst().orElseThrow();
    }

    private String signatureOf(String line) {
        return x.messenger.signatures.get(line);
    }

    @Test
    void messagesThatAreNotTheSendersExactSignedLinesAreRefusedAndChangeNothing() {
        startPatentCycle("SIG-1", line -> false);
        // the decision and the payout to MSA1 are held back: MSA1 has not heard SUCCESS yet
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId("SIG-1")));
        x.pump(line -> to(line, "MSA:MSA1"));
        String success = held("SUCCESS");
        String payout = held("PAYOUT");
        assertThat(success).isEqualTo("EMS-AGENT/1 SUCCESS SIG-1 MSC:MSC MSA:MSA1 - 0 - -");
        assertThat(payout).isEqualTo("EMS-AGENT/1 PAYOUT SIG-1 MSC:MSC MSA:MSA1 OUT.MSA1 0 JPY:1400,USD:1000 -");
        String debitData = x.messenger.sent.stream().map(m -> m.encode()).filter(l -> l.startsWith("EMS-AGENT/1 DEBIT_DATA SIG-1 MSC:MSC"))
                .findFirst().orElseThrow();
        List<Object> before = snapshot("SIG-1");
        int sent = x.messenger.sent.size();
        String bySibling = x.signatureBy(B, "EMS-AGENT/1 FAILURE SIG-1 MSA:MSA1 CSA:A - 0 - -");

        Optional<String> successSignature = Optional.of(signatureOf(success));
        Optional<String> payoutSignature = Optional.of(signatureOf(payout));
        List<Bad> bad = List.of(
                new Bad("no signature", success, Optional.empty(), AgentRefusal.UNSIGNED),
                new Bad("SUCCESS altered to FAILURE", success.replace(" SUCCESS ", " FAILURE "), successSignature, AgentRefusal.BAD_SIGNATURE),
                new Bad("payout amounts altered", payout.replace("USD:1000", "USD:1001"), payoutSignature, AgentRefusal.BAD_SIGNATURE),
                new Bad("payout to another MSA", payout.replace("MSA:MSA1 OUT.MSA1", "MSA:MSA2 OUT.MSA2"), payoutSignature,
                        AgentRefusal.BAD_SIGNATURE),
                new Bad("a sibling CSA signs as MSA1", "EMS-AGENT/1 FAILURE SIG-1 MSA:MSA1 CSA:A - 0 - -", Optional.of(bySibling),
                        AgentRefusal.BAD_SIGNATURE),
                new Bad("the MSC's signature of one line on another", success, payoutSignature, AgentRefusal.BAD_SIGNATURE),
                new Bad("replayed on another cycle", debitData.replace(" SIG-1 ", " SIG-2 "), Optional.of(signatureOf(debitData)),
                        AgentRefusal.BAD_SIGNATURE),
                new Bad("not base64url", success, Optional.of("not a signature!"), AgentRefusal.BAD_SIGNATURE),
                new Bad("empty", success, Optional.of(""), AgentRefusal.BAD_SIGNATURE),
                new Bad("too long", success, Optional.of("A".repeat(400)), AgentRefusal.BAD_SIGNATURE),
                new Bad("padded", success, Optional.of(signatureOf(success) + "="), AgentRefusal.BAD_SIGNATURE));

        List<String> mismatches = new ArrayList<>();
        for (Bad b : bad) {
            AgentDelivery delivery = x.deliver(b.line(), b.signature());
            if (!delivery.refusal().equals(Optional.of(b.reason()))) {
                mismatches.add(b.what() + ": " + b.line() + " -> " + delivery);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(x.refusals()).allSatisfy(r -> assertThat(r.getValue().reason()).startsWith(r.getValue().refusal().orElseThrow().name()));
        assertThat(x.messenger.sent).hasSize(sent);
        assertThat(x.messenger.queue).isEmpty();
        assertThat(snapshot("SIG-1")).isEqualTo(before);
        assertThat(x.decision(MSA1, "SIG-1")).isEmpty();
        assertThat(x.decision(A, "SIG-1")).isEmpty();

        // the genuine lines, signed by the MSC's module, go through and the cycle settles
        for (String line : List.copyOf(x.held)) {
            assertThat(x.deliver(line).isAccepted()).as(line).isTrue();
        }
        x.held.clear();
        x.pump();
        assertThat(x.cycle("SIG-1").state()).isEqualTo(CycleState.SETTLED);
        assertThat(x.decision(A, "SIG-1")).contains("SUCCESS");
        assertThat(x.balance(modules.get(A), JPY)).isEqualTo(Money.of(JPY, 1400));

        // a copy of an accepted line is a DUPLICATE only with its sender's signature: the signature is checked first
        assertThat(x.deliver(success, Optional.of(x.signatureBy(A, success))).refusal()).contains(AgentRefusal.BAD_SIGNATURE);
        assertThat(x.deliver(success, Optional.empty()).refusal()).contains(AgentRefusal.UNSIGNED);
        assertThat(x.deliver(success).status()).isEqualTo(AgentDelivery.Status.DUPLICATE);
    }

    @Test
    void aSenderBadListedAfterItsSessionWasEstablishedIsNotHeard() {
        startPatentCycle("SIG-3", line -> to(line, "MSA:MSA2"));
        String debitData = held("DEBIT_DATA");
        assertThat(debitData).startsWith("EMS-AGENT/1 DEBIT_DATA SIG-3 MSC:MSC MSA:MSA2 DEBIT.C 0 JPY:400 ");
        List<Object> before = snapshot("SIG-3");
        int sent = x.messenger.sent.size();

        x.tx(() -> x.f.security.primaries.addToBadIdList(Set.of(modules.get(MSC))));

        AgentDelivery refused = x.deliver(debitData);
        assertThat(refused.refusal()).contains(AgentRefusal.UNKNOWN_SIGNER);
        assertThat(refused.reason()).startsWith("UNKNOWN_SIGNER").contains("MSA2 knows no certificate of MSC");
        assertThat(x.workOf(MSA2, "SIG-3")).isEmpty();
        assertThat(x.messenger.sent).hasSize(sent);
        assertThat(x.messenger.queue).isEmpty();
        assertThat(snapshot("SIG-3")).isEqualTo(before);
    }

    @Test
    void anAgentWithoutAnEstablishedSessionToItsParentIsNotHeard() {
        startPatentCycle("SIG-4", line -> false);
        ModuleId spare = x.f.signedOnModule();
        AgentId e = new AgentId("E");
        x.tx(() -> x.directory.register(e, AgentRole.CSA, spare, Optional.of(MSA2)));
        String line = "EMS-AGENT/1 FUNDS_ACQUIRED SIG-4 CSA:E MSA:MSA2 IN.E 0 JPY:400 -";
        List<Object> before = snapshot("SIG-4");
        int sent = x.messenger.sent.size();

        // registered, never connected: MSA2 has no session with E, so no certificate of E's module
        AgentDelivery refused = x.deliver(line, Optional.of(x.signatureBy(e, line)));
        assertThat(refused.refusal()).contains(AgentRefusal.UNKNOWN_SIGNER);
        assertThat(refused.reason()).contains("E has no session to its parent");

        // connected but not yet established (its session's frames not delivered): still not heard
        x.tx(() -> x.directory.connect(e));
        AgentDelivery pending = x.deliver(line, Optional.of(x.signatureBy(e, line)));
        assertThat(pending.refusal()).contains(AgentRefusal.UNKNOWN_SIGNER);

        // established: E is heard (and refused for what the line says: E has no debit data in this cycle)
        x.f.pump();
        assertThat(x.deliver(line, Optional.of(x.signatureBy(e, line))).refusal()).contains(AgentRefusal.UNKNOWN_TRANSFER);
        assertThat(x.deliver(line, Optional.of(x.signatureBy(C, line))).refusal()).contains(AgentRefusal.BAD_SIGNATURE);
        assertThat(x.messenger.sent).hasSize(sent);
        assertThat(snapshot("SIG-4")).isEqualTo(before);
    }

    private record Bad(String what, String line, Optional<String> signature, AgentRefusal reason) {
    }

    @Test
    void aSessionWhosePeerIsAnotherModuleVouchesForNobodyElse() {
        startPatentCycle("SIG-5", line -> false);
        ModuleId registered = x.f.signedOnModule();
        ModuleId impostor = x.f.signedOnModule();
        AgentId e = new AgentId("E");
        x.tx(() -> x.directory.register(e, AgentRole.CSA, registered, Optional.of(MSA2)));
        // E's row names a session that another module established with MSA2's (as an altered row would)
        var foreign = x.f.session(impostor, modules.get(MSA2));
        x.txRun(() -> x.repository.findForUpdate(e).orElseThrow().connecting(foreign));
        String line = "EMS-AGENT/1 FUNDS_ACQUIRED SIG-5 CSA:E MSA:MSA2 IN.E 0 JPY:400 -";
        String byImpostor = x.tx(() -> AgentSignatureOf.module(x, impostor, line));
        List<Object> before = snapshot("SIG-5");
        int sent = x.messenger.sent.size();

        AgentDelivery refused = x.deliver(line, Optional.of(byImpostor));
        assertThat(refused.refusal()).contains(AgentRefusal.UNKNOWN_SIGNER);
        assertThat(refused.reason()).contains("the session's peer is module " + impostor + ", not E's module " + registered);
        assertThat(x.deliver(line, Optional.of(x.signatureBy(e, line))).refusal()).contains(AgentRefusal.UNKNOWN_SIGNER);
        assertThat(x.messenger.sent).hasSize(sent);
        assertThat(snapshot("SIG-5")).isEqualTo(before);
    }

    /** A module's signature over a line, by module rather than agent (the impostor is no agent). */
    private static final class AgentSignatureOf {
        static String module(AgentsFixture x, ModuleId module, String line) {
            var key = x.f.security.vault.open(x.f.net.repository.findModule(module).orElseThrow().sealedPrivateKey());
            return org.ems.settlement.agents.domain.AgentSignature.sign(line, key).text();
        }
    }

    /** Everything the agents hold of the cycle (see {@link AgentsFixture#holdings}). */
    private List<Object> snapshot(String cycle) {
        return x.holdings(cycle, modules);
    }
}
