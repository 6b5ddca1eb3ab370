package org.ems.jms.settlement.agents;

import jakarta.ejb.MessageDriven;
import org.ems.settlement.agents.domain.AgentRole;

/** Messages to the multilateral settlement coordinator on EMS.SETTLEMENT.MSC (activation spec {@code ems/ems-jms/MscInbox}). */
@MessageDriven
public class MscInbox extends AgentInboxConsumer {

    @Override
    String origin() {
        return AgentQueues.queueOf(AgentRole.MSC);
    }
}
