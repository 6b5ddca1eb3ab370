package org.ems.settlement.agents.application;

import java.util.Objects;
import java.util.Optional;
import org.ems.settlement.agents.domain.AgentRefusal;

/**
 * What became of one delivered message: accepted (handled), a duplicate (an exact copy of one
 * accepted before: nothing changed), or refused with a reason and text (nothing changed; the
 * consumer dead-letters it). Returned, never thrown, so the consumer's transaction stays good.
 */
public record AgentDelivery(Status status, Optional<AgentRefusal> refusal, String reason) {

    public enum Status { ACCEPTED, DUPLICATE, REFUSED }

    public AgentDelivery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(reason, "reason");
        if (refusal.isPresent() != (status == Status.REFUSED)) {
            throw new IllegalArgumentException("a refusal reason exactly when refused");
        }
    }

    public static AgentDelivery accepted() {
        return new AgentDelivery(Status.ACCEPTED, Optional.empty(), "");
    }

    public static AgentDelivery duplicate() {
        return new AgentDelivery(Status.DUPLICATE, Optional.empty(), "");
    }

    public static AgentDelivery refused(AgentRefusal refusal, String reason) {
        return new AgentDelivery(Status.REFUSED, Optional.of(refusal), reason);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }

    public boolean isRefused() {
        return status == Status.REFUSED;
    }
}
