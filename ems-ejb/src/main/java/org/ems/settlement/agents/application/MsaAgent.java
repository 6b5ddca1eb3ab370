package org.ems.settlement.agents.application;

import static org.ems.settlement.agents.application.AgentChecks.refuse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.agents.domain.WorkState;

/**
 * A multilateral settlement agent's host (figure 29): passes debit data down (3150), takes its
 * CSAs' payments and pays them on to the MSC (3156-3162), splits the MSC's payout among its
 * net-credit CSAs (3180-3182), gives back what the MSC returns (3172), and passes the decision to
 * every CSA under it (3174, 3184). Facts per cycle: {@code DEBIT.X}, {@code CREDIT.Y}, {@code DECISION}.
 */
@ApplicationScoped
public class MsaAgent implements AgentHost {

    static final String DECISION = "DECISION";

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject Clock clock;

    @Override
    public void handle(SettlementAgentRecord self, AgentMessage m) {
        switch (m.kind()) {
            case DEBIT_DATA -> debitData(self, m);
            case FUNDS_ACQUIRED -> fundsAcquired(self, m);
            case READY_TO_RECEIVE -> work.readyToReceive(self, m);
            case RETRY -> work.retry(self, m);
            case CREDIT_DATA -> creditData(self, m);
            case PAYOUT -> work.expectPayout(self, m, DECISION); // step 3178: its CSAs' credits, after SUCCESS
            case RETURN -> returned(self, m);
            case SUCCESS, FAILURE -> decision(self, m);
            default -> throw new IllegalStateException(m.kind() + " never goes to an MSA");
        }
    }

    private void debitData(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        SettlementAgentRecord csa = AgentChecks.requireCsaOf(agents, ref, self.id());
        requireNewFact(self, m.cycle(), ref.encode());
        agents.store(new AgentFact(self.id(), m.cycle(), ref.encode(), m.amounts(), m.settlementTime(), "DEBIT"));
        work.send(self, AgentMessageKind.DEBIT_DATA, m.cycle(), csa, m.ref(), m.amounts(), m.settlementTime());
    }

    /** Step 3154: a CSA holds its debits; this MSA agrees to receive them when its module is free. */
    private void fundsAcquired(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireSubject(ref, m.from());
        AgentFact debit = agents.fact(self.id(), m.cycle(), TransferRef.of(TransferRef.Kind.DEBIT, m.from()).encode())
                .orElseThrow(() -> refuse(AgentRefusal.UNKNOWN_TRANSFER, "no debit data of " + m.from() + " in cycle " + m.cycle()));
        AgentChecks.requireAmounts(ref, debit.amounts(), m.amounts());
        if (agents.fact(self.id(), m.cycle(), DECISION).isPresent()) {
            throw refuse(AgentRefusal.WRONG_STATE, "cycle " + m.cycle() + " is decided: " + ref + " is not taken");
        }
        AgentChecks.requireNotQueued(work, self.id(), m.cycle(), ref);
        work.expect(self, m.cycle(), ref, m.from(), m.amounts());
    }

    private void creditData(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireCsaOf(agents, ref, self.id());
        requireNewFact(self, m.cycle(), ref.encode());
        agents.store(new AgentFact(self.id(), m.cycle(), ref.encode(), m.amounts(), Optional.empty(), "CREDIT"));
        payCredits(self, m.cycle());
    }

    /** Step 3170: the MSC gives back what this MSA forwarded for a CSA. */
    private void returned(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireCsaOf(agents, ref, self.id());
        TransferRef forwarded = TransferRef.of(TransferRef.Kind.FWD, ref.subject());
        if (!work.isDone(self.id(), m.cycle(), forwarded)) {
            throw refuse(AgentRefusal.UNKNOWN_TRANSFER, self.id() + " did not pay " + forwarded + " in cycle " + m.cycle());
        }
        AgentAmounts paid = agents.fact(self.id(), m.cycle(), TransferRef.of(TransferRef.Kind.DEBIT, ref.subject()).encode())
                .orElseThrow().amounts();
        AgentChecks.requireAmounts(ref, paid, m.amounts());
        AgentChecks.requireDecision(agents, self.id(), m.cycle(), DECISION, AgentMessageKind.FAILURE);
        AgentChecks.requireNotQueued(work, self.id(), m.cycle(), ref);
        work.expect(self, m.cycle(), ref, m.from(), m.amounts());
    }

    private void decision(SettlementAgentRecord self, AgentMessage m) {
        requireNewFact(self, m.cycle(), DECISION);
        agents.store(new AgentFact(self.id(), m.cycle(), DECISION, AgentAmounts.none(), Optional.of(clock.instant()), m.kind().name()));
        for (SettlementAgentRecord csa : agents.children(self.id())) {
            work.send(self, m.kind(), m.cycle(), csa, Optional.empty(), AgentAmounts.none(), Optional.empty());
        }
        if (m.kind() == AgentMessageKind.FAILURE) {
            refundUnforwarded(self, m.cycle());
        }
    }

    @Override
    public void partFailed(SettlementAgentRecord self, AgentWorkItem part) {
        if (part.ref().kind() == TransferRef.Kind.FWD) {
            refundUnforwarded(self, part.cycle());
        }
    }

    /**
     * Once the cycle failed, a CSA whose debits this MSA received but could not pay on to the MSC (its
     * FWD part FAILED, so the MSC never had them and returns nothing) gets them back from here directly.
     */
    private void refundUnforwarded(SettlementAgentRecord self, String cycle) {
        if (!agents.fact(self.id(), cycle, DECISION).map(AgentFact::value).equals(Optional.of(AgentMessageKind.FAILURE.name()))) {
            return;
        }
        for (SettlementAgentRecord csa : agents.children(self.id())) {
            TransferRef refund = TransferRef.of(TransferRef.Kind.REFUND, csa.id());
            List<AgentWorkItem> forwarded = work.parts(self.id(), cycle, TransferRef.of(TransferRef.Kind.FWD, csa.id()));
            boolean stuckHere = !forwarded.isEmpty() && forwarded.stream().allMatch(p -> p.state() == WorkState.FAILED);
            if (stuckHere && work.isDone(self.id(), cycle, TransferRef.of(TransferRef.Kind.IN, csa.id()))
                    && work.parts(self.id(), cycle, refund).isEmpty()) {
                AgentAmounts paid = agents.fact(self.id(), cycle, TransferRef.of(TransferRef.Kind.DEBIT, csa.id()).encode())
                        .orElseThrow().amounts();
                work.send(self, AgentMessageKind.RETURN, cycle, csa, Optional.of(refund), paid, Optional.empty());
                work.pay(self, cycle, refund, csa.id(), paid);
            }
        }
    }

    @Override
    public void transferDone(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentWorkItem.Direction direction,
                             AgentAmounts amounts) {
        switch (transfer.kind()) {
            case IN -> { // step 3160: tell the MSC, then pay it on
                SettlementAgentRecord msc = agents.find(self.parent().orElseThrow()).orElseThrow();
                TransferRef fwd = TransferRef.of(TransferRef.Kind.FWD, transfer.subject());
                work.send(self, AgentMessageKind.PAID_IN, cycle, msc, Optional.of(fwd), amounts, Optional.empty());
                work.pay(self, cycle, fwd, msc.id(), amounts);
            }
            case OUT -> payCredits(self, cycle);
            case CR -> {
                SettlementAgentRecord msc = agents.find(self.parent().orElseThrow()).orElseThrow();
                work.send(self, AgentMessageKind.PAID_OUT, cycle, msc, Optional.of(transfer), amounts, Optional.empty());
            }
            case RET -> { // step 3172: give the CSA back what it paid
                SettlementAgentRecord csa = agents.find(transfer.subject()).orElseThrow();
                TransferRef refund = TransferRef.of(TransferRef.Kind.REFUND, transfer.subject());
                work.send(self, AgentMessageKind.RETURN, cycle, csa, Optional.of(refund), amounts, Optional.empty());
                work.pay(self, cycle, refund, csa.id(), amounts);
            }
            default -> {
                // FWD and REFUND paid: nothing follows at this agent
            }
        }
    }

    /** Step 3180: once the MSC's payout is in, each net-credit CSA whose credit data is known gets its credits (once). */
    private void payCredits(SettlementAgentRecord self, String cycle) {
        if (!work.isDone(self.id(), cycle, TransferRef.of(TransferRef.Kind.OUT, self.id()))) {
            return;
        }
        for (AgentFact fact : agents.facts(self.id(), cycle)) {
            Optional<TransferRef> ref = TransferRef.parse(fact.name()).filter(r -> r.kind() == TransferRef.Kind.CREDIT);
            if (ref.isEmpty()) {
                continue;
            }
            TransferRef cr = TransferRef.of(TransferRef.Kind.CR, ref.get().subject());
            if (work.parts(self.id(), cycle, cr).isEmpty()) {
                SettlementAgentRecord csa = agents.find(cr.subject()).orElseThrow();
                work.send(self, AgentMessageKind.PAYOUT, cycle, csa, Optional.of(cr), fact.amounts(), Optional.empty());
                work.pay(self, cycle, cr, csa.id(), fact.amounts());
            }
        }
    }

    private void requireNewFact(SettlementAgentRecord self, String cycle, String name) {
        if (agents.fact(self.id(), cycle, name).isPresent()) {
            throw refuse(AgentRefusal.WRONG_STATE, self.id() + " already has " + name + " of cycle " + cycle);
        }
    }

}
