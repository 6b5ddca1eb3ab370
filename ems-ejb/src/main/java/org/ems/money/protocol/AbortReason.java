package org.ems.money.protocol;

import org.ems.crypto.StableCode;

/** Why a party sent "the transaction cannot be completed" (figure 11, steps 1746-1748). */
public enum AbortReason implements StableCode {
    /** The payer could not or would not pay (insufficient funds, subscriber cancelled). */
    CANCELLED(1),
    /** The sender waited in vain for its peer. */
    TIMED_OUT(2),
    /** The payee's verification of figure 8 refused a note; the rejection travels with it. */
    NOTES_REJECTED(3);

    final int code;

    AbortReason(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    static AbortReason ofCode(int code) {
        return StableCode.ofCode(AbortReason.class, code, "abort reason");
    }
}
