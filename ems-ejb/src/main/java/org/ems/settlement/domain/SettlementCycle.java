package org.ems.settlement.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One settlement cycle of the netting system: the value date its trades settle on and the
 * cut-off instant after which its book is closed (no new trade, no rescission), so that the net
 * positions handed to the settlement agents can no longer change.
 */
public record SettlementCycle(LocalDate valueDate, Instant cutOff) {

    public SettlementCycle {
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(cutOff, "cutOff");
    }

    /** Whether the book is still open at {@code now}: strictly before the cut-off. */
    public boolean isOpenAt(Instant now) {
        return now.isBefore(cutOff);
    }
}
