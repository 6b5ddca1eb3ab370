package org.ems.settlement.agents.domain;

/** Why a settlement agent refused a message; codes are stable (they travel in dead-letter reasons). */
public enum AgentRefusal {
    /** The line does not decode, or does not re-encode to the very same text. */
    MALFORMED(1),
    /** The addressed or the sending agent is not in the directory. */
    UNKNOWN_AGENT(2),
    /** The agent addressed has another role than the message names. */
    WRONG_ROLE(3),
    /** Sender and recipient are not parent and child, or the transfer concerns an agent not under them. */
    NOT_RELATED(4),
    /** The agent knows nothing of the cycle (e.g. no debit data, or the MSC never started it). */
    UNKNOWN_CYCLE(5),
    /** The message does not fit what the agent has done so far (already decided, already announced, nothing to pay). */
    WRONG_STATE(6),
    /** The amounts differ from the ones the agent holds for that transfer. */
    WRONG_AMOUNTS(7),
    /** The transfer the message names does not exist at the agent. */
    UNKNOWN_TRANSFER(8),
    /** The line came without the sending agent's signature. */
    UNSIGNED(9),
    /** The signature is malformed, or does not verify over the line under the certificate the addressee knows for the sender. */
    BAD_SIGNATURE(10),
    /**
     * The addressee knows no valid certificate of the sender's module: no established session between the two
     * agents, a peer certificate of another module, expired, or its module (or its security server) on the
     * current bad-ID list.
     */
    UNKNOWN_SIGNER(11);

    private final int code;

    AgentRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
