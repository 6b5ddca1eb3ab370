package org.ems.settlement.agents.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.application.CycleId;

/** A CSA's host commands: after funding its module (e.g. a teller withdrawal), tell its MSA the funds are acquired. */
@Stateless
public class CsaService {

    @Inject AgentRepository agents;
    @Inject CsaAgent host;

    /**
     * Steps 3152-3154: true if the CSA's module holds its debits of the cycle and its MSA was told
     * (now or before); false while it holds less, without debit data, or after the decision.
     */
    public boolean fundsAcquired(AgentId csa, CycleId cycle) {
        SettlementAgentRecord self = agents.findForUpdate(csa).filter(a -> a.role() == AgentRole.CSA)
                .orElseThrow(() -> new IllegalArgumentException("no CSA " + csa));
        return host.payIfFunded(self, cycle.value());
    }
}
