package org.ems.settlement.application;

import java.util.Set;
import org.ems.crypto.StableCode;

/**
 * Where a settlement cycle is: OPEN (taking trades until the cut-off) -> CLOSED (netted; the
 * multilateral positions are fixed) -> SETTLING (the settlement agents move the money) ->
 * SETTLED or FAILED. Each state's ISO 20022 group status ({@code ExternalPaymentGroupStatus1Code},
 * as in a pacs.002 status report) names it in the notices.
 */
public enum CycleState implements StableCode {
    OPEN(1, "RCVD"),
    CLOSED(2, "ACCP"),
    SETTLING(3, "ACSP"),
    SETTLED(4, "ACSC"),
    FAILED(5, "RJCT");

    private final int code;
    private final String isoGroupStatus;

    CycleState(int code, String isoGroupStatus) {
        this.code = code;
        this.isoGroupStatus = isoGroupStatus;
    }

    @Override
    public int code() {
        return code;
    }

    /** The pacs.002 group status this state is reported as. */
    public String isoGroupStatus() {
        return isoGroupStatus;
    }

    /** Whether a cycle in this state may move to {@code next}. */
    public boolean mayBecome(CycleState next) {
        return switch (this) {
            case OPEN -> next == CLOSED;
            case CLOSED -> next == SETTLING;
            case SETTLING -> Set.of(SETTLED, FAILED).contains(next);
            case SETTLED, FAILED -> false;
        };
    }
}
