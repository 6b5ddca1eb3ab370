package org.ems.settlement.agents.domain;

/** A settlement agent refused a message; thrown before anything changed. */
public class AgentRefusedException extends RuntimeException {

    private final AgentRefusal reason;

    public AgentRefusedException(AgentRefusal reason, String detail) {
        super(reason.name() + ": " + detail);
        this.reason = reason;
    }

    public AgentRefusal reason() {
        return reason;
    }
}
