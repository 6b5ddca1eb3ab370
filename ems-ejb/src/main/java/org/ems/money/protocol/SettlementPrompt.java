package org.ems.money.protocol;

import java.util.Objects;

/**
 * Port: "To Subscriber prompts to verify the amounts and monetary units" of the peer (figure 27,
 * steps 3064-3066 at B, 3084-3086 at A). A settlement agent's Realtime Settlement host
 * application answers from the amounts it expects to receive ({@link #expecting}); a module's
 * owner could answer by hand. A refusal aborts the exchange (the host has no other amounts).
 */
@FunctionalInterface
public interface SettlementPrompt {

    /** Whether the peer's {@code proposed} amounts (what this side would receive) are the right ones. */
    boolean confirms(SettlementAmounts proposed);

    /** The realtime settlement host application: confirms exactly the {@code expected} amounts to receive. */
    static SettlementPrompt expecting(SettlementAmounts expected) {
        Objects.requireNonNull(expected, "expected");
        return expected::equals;
    }

    /**
     * The realtime settlement host application settling a larger transfer in several packets:
     * confirms some amounts, each of an expected type and currency and at most its amount (the
     * payer sends what one packet carries; the host counts what arrived against the rest).
     */
    static SettlementPrompt atMost(SettlementAmounts limit) {
        Objects.requireNonNull(limit, "limit");
        return proposed -> !proposed.isEmpty() && proposed.lines().stream().allMatch(line -> limit.lines().stream()
                .anyMatch(max -> max.type() == line.type() && max.amount().currency().equals(line.amount().currency())
                        && !line.amount().isGreaterThan(max.amount())));
    }
}
