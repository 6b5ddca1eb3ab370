package org.ems.provider.application;

import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;

/**
 * The result of a step whose refusal must itself be kept: a wrong callback answer uses up its
 * challenge, a wrong card PIN counts against the card, a bank's refusal returns a batch. Such a
 * step commits and says "refused" here instead of throwing (a thrown refusal rolls everything
 * back, which would let a caller retry a challenge or a PIN for free). Other refusals are thrown.
 */
public record Outcome<T>(T value, ProviderRefusal refusal, String detail) {

    public Outcome {
        if ((value == null) == (refusal == null)) {
            throw new IllegalArgumentException("an outcome is a value or a refusal");
        }
    }

    public static <T> Outcome<T> done(T value) {
        return new Outcome<>(value, null, null);
    }

    public static <T> Outcome<T> refused(ProviderRefusedException refusal) {
        return new Outcome<>(null, refusal.reason(), refusal.getMessage());
    }

    public boolean isDone() {
        return refusal == null;
    }

    /** The value; throws the refusal again if there is none. */
    public T orThrow() {
        if (refusal != null) {
            throw new ProviderRefusedException(refusal, detail);
        }
        return value;
    }
}
