package org.ems.jms.settlement.agents;

import org.ems.settlement.agents.domain.AgentRole;

/**
 * The agents' message contract: every hop MSC -> MSA -> CSA and back is a TextMessage holding one
 * EMS-AGENT/1 line (docs/settlement-agents.md) on the queue of the receiving agent's role, with
 * {@code ems_type=settlement.agent}, the receiving agent in {@code ems_agent} (for operators and
 * selectors; the line names it too and is what counts) and the sending agent's module's signature
 * over the line in {@code ems_signature}.
 */
public final class AgentQueues {

    public static final String TYPE = "settlement.agent";
    public static final String AGENT = "ems_agent";
    /**
     * The sending agent's module's signature over the line ({@code AgentSignature}, base64url without
     * padding). A property beside the text, not an envelope around it: the line stays the message's
     * whole text, readable as it is on the queues and in EMS.DLQ, and a consumer that does not verify
     * (a monitor, a selector) reads it unchanged.
     */
    public static final String SIGNATURE = "ems_signature";
    /** An EMS-AGENT/1 line is far shorter; anything longer is not read. */
    static final int MAX_TEXT = 8192;

    private AgentQueues() {
    }

    /** The queue (messaging engine name) that carries messages to agents of the role. */
    public static String queueOf(AgentRole role) {
        return switch (role) {
            case MSC -> "EMS.SETTLEMENT.MSC";
            case MSA -> "EMS.SETTLEMENT.MSA";
            case CSA -> "EMS.SETTLEMENT.CSA";
        };
    }
}
