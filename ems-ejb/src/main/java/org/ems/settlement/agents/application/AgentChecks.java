package org.ems.settlement.agents.application;

import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;

/** The refusals the three hosts share, each thrown before any change. */
final class AgentChecks {

    private AgentChecks() {
    }

    static AgentRefusedException refuse(AgentRefusal reason, String detail) {
        return new AgentRefusedException(reason, detail);
    }

    /** The transfer concerns {@code expected} (e.g. a CSA's own IN), else NOT_RELATED. */
    static void requireSubject(TransferRef ref, AgentId expected) {
        if (!ref.subject().equals(expected)) {
            throw refuse(AgentRefusal.NOT_RELATED, ref + " does not concern " + expected);
        }
    }

    /** The transfer's subject is a CSA whose parent is {@code msa}, else NOT_RELATED. */
    static SettlementAgentRecord requireCsaOf(AgentRepository agents, TransferRef ref, AgentId msa) {
        return agents.find(ref.subject())
                .filter(a -> a.role() == AgentRole.CSA && a.parent().filter(msa::equals).isPresent())
                .orElseThrow(() -> refuse(AgentRefusal.NOT_RELATED, ref.subject() + " is not a CSA under " + msa));
    }

    static void requireAmounts(TransferRef ref, AgentAmounts held, AgentAmounts given) {
        if (!held.equals(given)) {
            throw refuse(AgentRefusal.WRONG_AMOUNTS, ref + " is " + held + ", not " + given);
        }
    }

    /**
     * The agent was told {@code decision} of the cycle (its {@code DECISION} fact): credits and
     * payouts come after SUCCESS, refunds and returns after FAILURE; else WRONG_STATE.
     */
    static void requireDecision(AgentRepository agents, AgentId self, String cycle, String decisionFact, AgentMessageKind decision) {
        String known = agents.fact(self, cycle, decisionFact).map(AgentFact::value).orElse("none");
        if (!known.equals(decision.name())) {
            throw refuse(AgentRefusal.WRONG_STATE, self + " knows decision " + known + " of cycle " + cycle + ", not " + decision);
        }
    }

    /** No part of the transfer is in the agent's work queue yet (a transfer is announced once); else WRONG_STATE. */
    static void requireNotQueued(AgentWork work, AgentId self, String cycle, TransferRef ref) {
        if (!work.parts(self, cycle, ref).isEmpty()) {
            throw refuse(AgentRefusal.WRONG_STATE, ref + " of cycle " + cycle + " was announced before");
        }
    }
}
