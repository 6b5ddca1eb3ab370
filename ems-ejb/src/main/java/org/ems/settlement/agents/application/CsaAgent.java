package org.ems.settlement.agents.application;

import static org.ems.settlement.agents.application.AgentChecks.refuse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.money.application.NoteCustody;
import org.ems.money.domain.Money;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.TransferRef;

/**
 * A counterparty settlement agent's host (figure 29): keeps its debit data, pays its MSA once its
 * module holds the debits (3152-3158; funding itself, e.g. a teller withdrawal, happens before),
 * receives its credits or its refund, and records the decision it is told (3174, 3184). A CSA that
 * never holds its debits stays silent: it is the defaulting counterparty. Facts per cycle:
 * {@code DEBIT.<self>}, {@code DECISION}.
 */
@ApplicationScoped
public class CsaAgent implements AgentHost {

    static final String DECISION = "DECISION";
    private static final Logger LOG = Logger.getLogger(CsaAgent.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject NoteCustody custody;
    @Inject Clock clock;

    @Override
    public void handle(SettlementAgentRecord self, AgentMessage m) {
        switch (m.kind()) {
            case DEBIT_DATA -> debitData(self, m);
            case READY_TO_RECEIVE -> work.readyToReceive(self, m);
            case RETRY -> work.retry(self, m);
            case PAYOUT -> work.expectPayout(self, m, DECISION); // step 3182: its credits, after SUCCESS
            case RETURN -> refund(self, m);
            case SUCCESS, FAILURE -> decision(self, m);
            default -> throw new IllegalStateException(m.kind() + " never goes to a CSA");
        }
    }

    private void debitData(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireSubject(ref, self.id());
        if (agents.fact(self.id(), m.cycle(), ref.encode()).isPresent()) {
            throw refuse(AgentRefusal.WRONG_STATE, self.id() + " already has its debit data of cycle " + m.cycle());
        }
        agents.store(new AgentFact(self.id(), m.cycle(), ref.encode(), m.amounts(), m.settlementTime(), "DEBIT"));
        payIfFunded(self, m.cycle());
    }

    private void refund(SettlementAgentRecord self, AgentMessage m) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireSubject(ref, self.id());
        if (!work.isDone(self.id(), m.cycle(), TransferRef.of(TransferRef.Kind.IN, self.id()))) {
            throw refuse(AgentRefusal.UNKNOWN_TRANSFER, self.id() + " paid nothing in cycle " + m.cycle());
        }
        AgentAmounts paid = agents.fact(self.id(), m.cycle(), TransferRef.of(TransferRef.Kind.DEBIT, self.id()).encode())
                .orElseThrow().amounts();
        AgentChecks.requireAmounts(ref, paid, m.amounts());
        AgentChecks.requireDecision(agents, self.id(), m.cycle(), DECISION, AgentMessageKind.FAILURE);
        AgentChecks.requireNotQueued(work, self.id(), m.cycle(), ref);
        work.expect(self, m.cycle(), ref, m.from(), m.amounts());
    }

    private void decision(SettlementAgentRecord self, AgentMessage m) {
        if (agents.fact(self.id(), m.cycle(), DECISION).isPresent()) {
            throw refuse(AgentRefusal.WRONG_STATE, self.id() + " was told the decision of cycle " + m.cycle() + " before");
        }
        agents.store(new AgentFact(self.id(), m.cycle(), DECISION, AgentAmounts.none(), Optional.of(clock.instant()), m.kind().name()));
        LOG.info(() -> "CSA " + self.id() + ": settlement of cycle " + m.cycle() + " " + m.kind());
    }

    /**
     * Steps 3154-3158: if the module holds every debit of the cycle, FUNDS_ACQUIRED to the MSA and the
     * payment queued. True once announced (now or before); false without debit data, after the
     * decision, or while the module holds less than its debits.
     */
    public boolean payIfFunded(SettlementAgentRecord self, String cycle) {
        TransferRef in = TransferRef.of(TransferRef.Kind.IN, self.id());
        if (!work.parts(self.id(), cycle, in).isEmpty()) {
            return true;
        }
        Optional<AgentFact> debit = agents.fact(self.id(), cycle, TransferRef.of(TransferRef.Kind.DEBIT, self.id()).encode());
        if (debit.isEmpty() || agents.fact(self.id(), cycle, DECISION).isPresent()) {
            return false;
        }
        AgentAmounts debits = debit.get().amounts();
        for (Money amount : debits.amounts()) {
            if (custody.balance(self.module(), amount.currency()).compareTo(amount) < 0) {
                return false;
            }
        }
        SettlementAgentRecord msa = agents.find(self.parent().orElseThrow()).orElseThrow();
        work.send(self, AgentMessageKind.FUNDS_ACQUIRED, cycle, msa, Optional.of(in), debits, Optional.empty());
        work.pay(self, cycle, in, msa.id(), debits);
        return true;
    }

    @Override
    public void transferDone(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentWorkItem.Direction direction,
                             AgentAmounts amounts) {
        LOG.info(() -> "CSA " + self.id() + " cycle " + cycle + ": " + transfer + " " + direction + " " + amounts + " done");
    }
}
