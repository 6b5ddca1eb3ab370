package org.ems.settlement.gross.domain;

/**
 * An instruction's life: PENDING until its settlement time; then FAILED at once if a CSA is not
 * ready (step 3142), or SETTLING while the two money modules run Settle Foreign Exchange (3144),
 * and SUCCEEDED or FAILED when both sides have settled (3146). SUCCEEDED and FAILED are final.
 */
public enum InstructionPhase {
    PENDING,
    SETTLING,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
