package org.ems.provider.domain;

import org.ems.crypto.StableCode;

/** What a callback authenticates the terminal for; bound into the answer, so an answer for one step never serves another. */
public enum CallbackPurpose implements StableCode {
    /** Figure 6: a provider terminal asks for the e-money of a charge. */
    CHARGE(1),
    /** Figure 8: a merchant terminal asks to settle its day. */
    SETTLEMENT(2);

    private final int code;

    CallbackPurpose(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
