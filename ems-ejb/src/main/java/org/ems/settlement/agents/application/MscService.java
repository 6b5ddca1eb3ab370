package org.ems.settlement.agents.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;

/**
 * The MSC's commands (figure 29): {@link #start} a closed cycle's settlement (step 3148) and
 * {@link #settlementTimeReached} (steps 3164-3178), which the persistent timer calls. Each runs in
 * one transaction with the MSC's row locked; everything else happens through messages.
 */
@Stateless
public class MscService {

    private static final Logger LOG = Logger.getLogger(MscService.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject MscAgent host;
    @Inject SettlementCycles cycles;
    @Inject SettlementTimers timers;
    @Inject Clock clock;

    /**
     * Starts settling a CLOSED cycle: SETTLING, each net-debit CSA's debits to its MSA with the
     * settlement time, and the settlement-time check armed. Starting again with the same time returns
     * the cycle as it is. Refused, changing nothing: no MSC agent, an unknown cycle
     * ({@code IllegalArgumentException}), a cycle not CLOSED, another settlement time, a counterparty
     * with a position but no CSA under an MSA of this MSC, a session to a parent not asked for
     * ({@code IllegalStateException}).
     */
    public CycleView start(CycleId cycle, Instant settlementTime) {
        SettlementAgentRecord self = lockedMsc();
        Optional<AgentFact> started = agents.fact(self.id(), cycle.value(), MscAgent.SETTLE);
        if (started.isPresent()) {
            if (!MscAgent.timeOf(started.get()).equals(settlementTime)) {
                throw new IllegalStateException("cycle " + cycle + " settles at " + MscAgent.timeOf(started.get()));
            }
            return cycles.find(cycle).orElseThrow();
        }
        CycleView view = cycles.find(cycle).orElseThrow(() -> new IllegalArgumentException("no settlement cycle " + cycle));
        if (view.state() != CycleState.CLOSED) {
            throw new IllegalStateException("settlement cycle " + cycle + " is " + view.state() + ", not CLOSED");
        }
        MscAgent.Positions positions = host.positions(cycle.value());
        for (AgentId party : positions.parties()) {
            requireCsaUnder(self, party);
        }
        cycles.beginSettlement(cycle);
        agents.store(new AgentFact(self.id(), cycle.value(), MscAgent.SETTLE, AgentAmounts.none(), Optional.of(settlementTime),
                MscAgent.SETTLING));
        for (AgentId debtor : positions.debtors()) {
            SettlementAgentRecord msa = agents.find(agents.find(debtor).orElseThrow().parent().orElseThrow()).orElseThrow();
            work.send(self, AgentMessageKind.DEBIT_DATA, cycle.value(), msa, Optional.of(TransferRef.of(TransferRef.Kind.DEBIT, debtor)),
                    positions.debits(debtor), Optional.of(settlementTime));
        }
        timers.schedule(cycle, settlementTime);
        LOG.info(() -> "MSC settles cycle " + cycle + " at " + settlementTime + ": " + positions.debtors().size() + " net debtors, "
                + positions.creditors().size() + " net creditors");
        return cycles.find(cycle).orElseThrow();
    }

    /**
     * The settlement time of the cycle: if every net debit was paid in, pay out (credit data and one
     * payout per MSA, SUCCESS to every MSA); otherwise return each payment received (RETURN per CSA,
     * FAILURE to every MSA), count the unsettled positions failed, and finish the cycle FAILED. A no-op
     * once decided; refused before the settlement time ({@code IllegalStateException}).
     */
    public void settlementTimeReached(CycleId cycle) {
        SettlementAgentRecord self = lockedMsc();
        AgentFact settle = agents.fact(self.id(), cycle.value(), MscAgent.SETTLE)
                .orElseThrow(() -> new IllegalArgumentException("the MSC has not started cycle " + cycle));
        if (!settle.value().equals(MscAgent.SETTLING)) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(MscAgent.timeOf(settle))) {
            throw new IllegalStateException("cycle " + cycle + " settles at " + MscAgent.timeOf(settle) + ", now is " + now);
        }
        MscAgent.Positions positions = host.positions(cycle.value());
        List<AgentId> unpaid = positions.debtors().stream()
                .filter(d -> !work.isDone(self.id(), cycle.value(), TransferRef.of(TransferRef.Kind.FWD, d))).toList();
        List<SettlementAgentRecord> msas = agents.children(self.id());
        // Lock order (see docs/settlement-agents.md): work items first, then the SETTLE fact and the cycle's counters, as a
        // Settle FX step of the MSC's module does in its observer; so neither waits for the other while holding what it wants.
        if (unpaid.isEmpty()) {
            // the decision goes first: an MSA takes a payout only once it knows the settlement succeeded
            msas.forEach(msa -> work.send(self, AgentMessageKind.SUCCESS, cycle.value(), msa, Optional.empty(), AgentAmounts.none(),
                    Optional.empty()));
            host.payOut(self, cycle.value(), positions);
            settle.value(MscAgent.SUCCESS);
            if (positions.creditors().isEmpty()) {
                settle.value(MscAgent.SETTLED);
                cycles.finishSettlement(cycle);
            }
            LOG.info(() -> "cycle " + cycle + ": every net debit paid in, paying out");
            return;
        }
        // the decision goes first: an MSA takes a return only once it knows the settlement failed
        msas.forEach(msa -> work.send(self, AgentMessageKind.FAILURE, cycle.value(), msa, Optional.empty(), AgentAmounts.none(),
                Optional.empty()));
        for (AgentId debtor : positions.debtors()) {
            if (!unpaid.contains(debtor)) {
                host.returnForwarded(self, cycle.value(), debtor, positions.debits(debtor));
            }
        }
        settle.value(MscAgent.FAILURE);
        for (AgentId debtor : unpaid) {
            for (int i = 0; i < positions.debitPositions(debtor); i++) {
                cycles.recordFailed(cycle);
            }
        }
        for (AgentId creditor : positions.creditors()) {
            positions.credits(creditor).amounts().forEach(m -> cycles.recordFailed(cycle));
        }
        cycles.finishSettlement(cycle);
        LOG.warning(() -> "cycle " + cycle + " FAILED: not paid in by " + unpaid);
    }

    /** The MSC's phase of a cycle (SETTLING, SUCCESS, FAILURE, SETTLED), if it started it. */
    public Optional<String> phase(CycleId cycle) {
        return agents.all().stream().filter(a -> a.role() == AgentRole.MSC).findFirst()
                .flatMap(msc -> agents.fact(msc.id(), cycle.value(), MscAgent.SETTLE)).map(AgentFact::value);
    }

    private SettlementAgentRecord lockedMsc() {
        SettlementAgentRecord msc = agents.all().stream().filter(a -> a.role() == AgentRole.MSC).findFirst()
                .orElseThrow(() -> new IllegalStateException("no MSC agent in the directory"));
        return agents.findForUpdate(msc.id()).orElseThrow();
    }

    private void requireCsaUnder(SettlementAgentRecord msc, AgentId party) {
        SettlementAgentRecord csa = agents.find(party).filter(a -> a.role() == AgentRole.CSA)
                .orElseThrow(() -> new IllegalStateException("counterparty " + party + " has a position but no CSA agent"));
        SettlementAgentRecord msa = agents.find(csa.parent().orElseThrow()).orElseThrow();
        if (!msa.parent().filter(msc.id()::equals).isPresent()) {
            throw new IllegalStateException("CSA " + party + " is under " + msa.id() + ", which is not under " + msc.id());
        }
        if (csa.parentSession().isEmpty() || msa.parentSession().isEmpty()) {
            throw new IllegalStateException("CSA " + party + " or its MSA " + msa.id() + " has no session to its parent");
        }
    }
}
