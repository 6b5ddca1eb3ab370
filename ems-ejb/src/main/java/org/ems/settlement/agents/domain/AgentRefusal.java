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
    UNKNOWN_TRANSFER(8);

    private final int code;

    AgentRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
