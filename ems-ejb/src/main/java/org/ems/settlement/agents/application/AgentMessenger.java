package org.ems.settlement.agents.application;

import org.ems.settlement.agents.domain.AgentMessage;

/** Sends one message to an agent in the caller's JTA transaction: it leaves when that commits. */
public interface AgentMessenger {
    void send(AgentMessage message);
}
