package org.ems.settlement.agents.application;

import static org.ems.settlement.agents.application.AgentChecks.refuse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.ems.money.domain.Money;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;

/**
 * The multilateral settlement coordinator's host (figure 29): takes the MSAs' payments in
 * (PAID_IN, then the Settle FX), counts each paid-in position, decides at the settlement time
 * ({@link MscService}), pays out or returns, counts each credit the MSAs report paid out, and returns
 * any payment that arrives after a failure. Its state per cycle is the {@code SETTLE} fact: the
 * settlement time and the phase SETTLING, SUCCESS, FAILURE or SETTLED.
 */
@ApplicationScoped
public class MscAgent implements AgentHost {

    static final String SETTLE = "SETTLE";
    static final String SETTLING = "SETTLING";
    static final String SUCCESS = "SUCCESS";
    static final String FAILURE = "FAILURE";
    static final String SETTLED = "SETTLED";
    private static final Logger LOG = Logger.getLogger(MscAgent.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject SettlementCycles cycles;
    @Inject Clock clock;

    @Override
    public void handle(SettlementAgentRecord self, AgentMessage message) {
        AgentFact settle = agents.fact(self.id(), message.cycle(), SETTLE)
                .orElseThrow(() -> refuse(AgentRefusal.UNKNOWN_CYCLE, "the MSC has not started cycle " + message.cycle()));
        switch (message.kind()) {
            case PAID_IN -> paidIn(self, settle, message);
            case PAID_OUT -> paidOut(self, settle, message);
            case READY_TO_RECEIVE -> work.readyToReceive(self, message);
            case RETRY -> work.retry(self, message);
            default -> throw new IllegalStateException(message.kind() + " never goes to the MSC");
        }
    }

    /** Step 3160: an MSA received a CSA's debits and will pay them on. Also after a failure (the payment is then returned). */
    private void paidIn(SettlementAgentRecord self, AgentFact settle, AgentMessage message) {
        TransferRef ref = message.ref().orElseThrow();
        AgentChecks.requireCsaOf(agents, ref, message.from());
        AgentAmounts debits = positions(message.cycle()).debits(ref.subject());
        if (debits.isEmpty()) {
            throw refuse(AgentRefusal.UNKNOWN_TRANSFER, ref.subject() + " has no net debit in cycle " + message.cycle());
        }
        AgentChecks.requireAmounts(ref, debits, message.amounts());
        if (!settle.value().equals(SETTLING) && !settle.value().equals(FAILURE)) {
            throw refuse(AgentRefusal.WRONG_STATE, "cycle " + message.cycle() + " is " + settle.value() + " at the MSC");
        }
        if (!work.parts(self.id(), message.cycle(), ref).isEmpty()) {
            throw refuse(AgentRefusal.WRONG_STATE, ref + " was announced before");
        }
        work.expect(self, message.cycle(), ref, message.from(), debits);
    }

    /** An MSA paid a net-credit CSA: its credit positions are paid out; when all are, the cycle is SETTLED. */
    private void paidOut(SettlementAgentRecord self, AgentFact settle, AgentMessage message) {
        TransferRef ref = message.ref().orElseThrow();
        AgentChecks.requireCsaOf(agents, ref, message.from());
        Positions positions = positions(message.cycle());
        AgentAmounts credits = positions.credits(ref.subject());
        if (credits.isEmpty()) {
            throw refuse(AgentRefusal.UNKNOWN_TRANSFER, ref.subject() + " has no net credit in cycle " + message.cycle());
        }
        AgentChecks.requireAmounts(ref, credits, message.amounts());
        if (!settle.value().equals(SUCCESS)) {
            throw refuse(AgentRefusal.WRONG_STATE, "cycle " + message.cycle() + " is " + settle.value() + " at the MSC, nothing is paid out");
        }
        String name = "PAIDOUT." + ref.subject().value();
        if (agents.fact(self.id(), message.cycle(), name).isPresent()) {
            throw refuse(AgentRefusal.WRONG_STATE, ref + " was reported paid out before");
        }
        agents.store(new AgentFact(self.id(), message.cycle(), name, credits, Optional.of(clock.instant()), SETTLED));
        CycleId cycle = new CycleId(message.cycle());
        credits.amounts().forEach(m -> cycles.recordPaidOut(cycle));
        boolean allPaidOut = positions.creditors().stream()
                .allMatch(c -> agents.fact(self.id(), message.cycle(), "PAIDOUT." + c.value()).isPresent());
        if (allPaidOut) {
            settle.value(SETTLED);
            cycles.finishSettlement(cycle);
        }
    }

    @Override
    public void transferDone(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentWorkItem.Direction direction,
                             AgentAmounts amounts) {
        if (transfer.kind() != TransferRef.Kind.FWD) {
            return; // a payout or a return went out: the MSA reports what follows
        }
        AgentFact settle = agents.fact(self.id(), cycle, SETTLE).orElseThrow();
        if (settle.value().equals(SETTLING)) {
            CycleId id = new CycleId(cycle);
            amounts.amounts().forEach(m -> cycles.recordPaidIn(id));
            return;
        }
        // After the decision: give it back the way it came (the MSA refunds its CSA).
        LOG.info(() -> "cycle " + cycle + ": " + transfer + " arrived after the decision " + settle.value() + ", returned");
        returnForwarded(self, cycle, transfer.subject(), amounts);
    }

    /** Steps 3168-3170: what an MSA forwarded for a CSA goes back to it, with RETURN. */
    public void returnForwarded(SettlementAgentRecord self, String cycle, AgentId csa, AgentAmounts amounts) {
        SettlementAgentRecord msa = agents.find(agents.find(csa).orElseThrow().parent().orElseThrow()).orElseThrow();
        TransferRef ret = TransferRef.of(TransferRef.Kind.RET, csa);
        work.send(self, AgentMessageKind.RETURN, cycle, msa, Optional.of(ret), amounts, Optional.empty());
        work.pay(self, cycle, ret, msa.id(), amounts);
    }

    /** Step 3176: credit data per net-credit CSA, one payout of the total per MSA, SUCCESS to every MSA. */
    public void payOut(SettlementAgentRecord self, String cycle, Positions positions) {
        Map<AgentId, AgentAmounts> totals = new TreeMap<>();
        for (AgentId creditor : positions.creditors()) {
            SettlementAgentRecord csa = agents.find(creditor).orElseThrow();
            SettlementAgentRecord msa = agents.find(csa.parent().orElseThrow()).orElseThrow();
            AgentAmounts credits = positions.credits(creditor);
            work.send(self, AgentMessageKind.CREDIT_DATA, cycle, msa, Optional.of(TransferRef.of(TransferRef.Kind.CREDIT, creditor)),
                    credits, Optional.empty());
            totals.merge(msa.id(), credits, AgentAmounts::plus);
        }
        for (Map.Entry<AgentId, AgentAmounts> total : totals.entrySet()) {
            SettlementAgentRecord msa = agents.find(total.getKey()).orElseThrow();
            TransferRef out = TransferRef.of(TransferRef.Kind.OUT, msa.id());
            work.send(self, AgentMessageKind.PAYOUT, cycle, msa, Optional.of(out), total.getValue(), Optional.empty());
            work.pay(self, cycle, out, msa.id(), total.getValue());
        }
    }

    /** The netting's multilateral positions of a cycle, per counterparty: what it pays in and what it gets. */
    public Positions positions(String cycle) {
        CycleView view = cycles.find(new CycleId(cycle)).orElseThrow(() -> refuse(AgentRefusal.UNKNOWN_CYCLE, "no cycle " + cycle));
        Map<AgentId, List<Money>> debits = new TreeMap<>();
        Map<AgentId, List<Money>> credits = new TreeMap<>();
        for (CycleView.Position p : view.positions()) {
            AgentId party = new AgentId(p.counterparty().code());
            if (p.net().isPositive()) {
                credits.computeIfAbsent(party, k -> new ArrayList<>()).add(p.net());
            } else if (!p.net().isZero()) {
                debits.computeIfAbsent(party, k -> new ArrayList<>()).add(Money.zero(p.net().currency()).minus(p.net()));
            }
        }
        return new Positions(view, toAmounts(debits), toAmounts(credits));
    }

    private static Map<AgentId, AgentAmounts> toAmounts(Map<AgentId, List<Money>> byParty) {
        Map<AgentId, AgentAmounts> amounts = new TreeMap<>();
        byParty.forEach((party, list) -> amounts.put(party, new AgentAmounts(list)));
        return amounts;
    }

    /** A cycle's net debits and credits per counterparty, as agent amounts (positive). */
    public record Positions(CycleView view, Map<AgentId, AgentAmounts> debitsByParty, Map<AgentId, AgentAmounts> creditsByParty) {

        public AgentAmounts debits(AgentId party) {
            return debitsByParty.getOrDefault(party, AgentAmounts.none());
        }

        AgentAmounts credits(AgentId party) {
            return creditsByParty.getOrDefault(party, AgentAmounts.none());
        }

        List<AgentId> debtors() {
            return List.copyOf(debitsByParty.keySet());
        }

        List<AgentId> creditors() {
            return List.copyOf(creditsByParty.keySet());
        }

        /** Every counterparty with a position. */
        List<AgentId> parties() {
            java.util.TreeSet<AgentId> all = new java.util.TreeSet<>(debitsByParty.keySet());
            all.addAll(creditsByParty.keySet());
            return List.copyOf(all);
        }

        int debitPositions(AgentId party) {
            return debits(party).amounts().size();
        }
    }

    static Instant timeOf(AgentFact settle) {
        return settle.at().orElseThrow();
    }
}
