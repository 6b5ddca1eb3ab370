package org.ems.settlement.agents.domain;

/**
 * Where one Settle Foreign Exchange an agent has to do stands.
 *
 * <pre>
 * payer:    AWAITING_READY --READY_TO_RECEIVE--> READY --settle--> SETTLING --PAID--> DONE
 * receiver: PENDING --expect, READY_TO_RECEIVE sent--> AGREED --RECEIVED--> DONE
 * either:   SETTLING/AGREED --success, amounts left--> AWAITING_READY/PENDING (the next packet of the part)
 * either:   SETTLING/AGREED --failure--> AWAITING_READY/PENDING again (at most {@code MAX_ATTEMPTS} failures), then FAILED
 * receiver: AGREED --FAILED_COMMIT--> FAILED_COMMIT (the payer may have committed: a claim, never a retry)
 * payer:    READY --cannot pay (INSUFFICIENT_FUNDS, NO_NOTES)--> FAILED
 * either:   FAILED --operator's retry--> AWAITING_READY (READY if its receiver agreed since) / PENDING, failures from 0
 * </pre>
 */
public enum WorkState {
    AWAITING_READY, READY, SETTLING, PENDING, AGREED, DONE, FAILED, FAILED_COMMIT;

    /** Failed attempts of one transfer part before it is left FAILED for an operator. */
    public static final int MAX_ATTEMPTS = 3;

    public boolean isOpen() {
        return this != DONE && this != FAILED && this != FAILED_COMMIT;
    }

    /** Whether the agent's module is taken by this item (an agreement waiting for its payer, or a running settlement). */
    public boolean holdsModule() {
        return this == SETTLING || this == AGREED;
    }
}
