package org.ems.settlement.agents.domain;

import java.util.Objects;

/**
 * A message as it leaves its agent: the message and the signature of the sending agent's module
 * over its line ({@link AgentSignature}). The only thing an {@code AgentMessenger} sends, so no
 * message can leave unsigned.
 */
public record SignedAgentMessage(AgentMessage message, AgentSignature signature) {

    public SignedAgentMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
    }

    /** The EMS-AGENT/1 line that was signed. */
    public String line() {
        return message.encode();
    }
}
