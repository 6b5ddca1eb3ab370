package org.ems.settlement.agents.application;

import org.ems.settlement.agents.domain.SignedAgentMessage;

/**
 * Sends one message to an agent in the caller's JTA transaction: it leaves when that commits. It
 * takes only signed messages ({@link AgentSignatures#sign}, done once for every sender in
 * {@link AgentWork}); the transport carries the line and the signature.
 */
public interface AgentMessenger {
    void send(SignedAgentMessage message);
}
