package org.ems.settlement.application;

import java.util.Objects;

/**
 * What became of one trade message: it changed the cycle, it was a repeat that changed nothing,
 * or it was refused (and changed nothing) for {@code reason}: a {@code TradeRefusal} name and its
 * detail, or {@code UNKNOWN_CYCLE}.
 */
public record IntakeOutcome(Result result, String reason) {

    public enum Result {
        CHANGED,
        UNCHANGED,
        REFUSED
    }

    public IntakeOutcome {
        Objects.requireNonNull(result, "result");
        if ((result == Result.REFUSED) != (reason != null)) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has a reason");
        }
    }

    static IntakeOutcome of(boolean changed) {
        return new IntakeOutcome(changed ? Result.CHANGED : Result.UNCHANGED, null);
    }

    static IntakeOutcome refused(String reason) {
        return new IntakeOutcome(Result.REFUSED, reason);
    }

    public boolean isRefused() {
        return result == Result.REFUSED;
    }
}
