package org.ems.jms.settlement.agents;

import jakarta.ejb.MessageDriven;
import org.ems.settlement.agents.domain.AgentRole;

/** Messages to the multilateral settlement agents on EMS.SETTLEMENT.MSA (activation spec {@code ems/ems-jms/MsaInbox}). */
@MessageDriven
public class MsaInbox extends AgentInboxConsumer {

    @Override
    String origin() {
        return AgentQueues.queueOf(AgentRole.MSA);
    }
}
