package org.ems.csm.domain;

import java.util.Set;
import org.ems.crypto.StableCode;

/**
 * Where a claim stands at the Money Issued Investigation System, which "monitors the claim
 * against money deposited": FILED by the CSM, UNDER_INVESTIGATION while the claimed notes are
 * watched for deposits, then PAID (the issuing bank replaced the money) or REJECTED (e.g. the
 * claimed notes were deposited, or the claim duplicates another). PAID and REJECTED are final.
 */
public enum ClaimState implements StableCode {
    FILED(1),
    UNDER_INVESTIGATION(2),
    PAID(3),
    REJECTED(4);

    private final int code;

    ClaimState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The legal transitions: FILED -> UNDER_INVESTIGATION or REJECTED; UNDER_INVESTIGATION -> PAID or REJECTED. */
    public boolean canMoveTo(ClaimState next) {
        return switch (this) {
            case FILED -> Set.of(UNDER_INVESTIGATION, REJECTED).contains(next);
            case UNDER_INVESTIGATION -> Set.of(PAID, REJECTED).contains(next);
            case PAID, REJECTED -> false;
        };
    }

    public boolean isFinal() {
        return this == PAID || this == REJECTED;
    }

    static ClaimState ofCode(int code) {
        return StableCode.ofCode(ClaimState.class, code, "claim state");
    }
}
