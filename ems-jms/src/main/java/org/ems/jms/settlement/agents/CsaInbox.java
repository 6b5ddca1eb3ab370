package org.ems.jms.settlement.agents;

import jakarta.ejb.MessageDriven;
import org.ems.settlement.agents.domain.AgentRole;

/** Messages to the counterparty settlement agents on EMS.SETTLEMENT.CSA (activation spec {@code ems/ems-jms/CsaInbox}). */
@MessageDriven
public class CsaInbox extends AgentInboxConsumer {

    @Override
    String origin() {
        return AgentQueues.queueOf(AgentRole.CSA);
    }
}
