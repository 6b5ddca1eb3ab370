package org.ems.money.domain;

import org.ems.crypto.StableCode;

/** The patent's two kinds of note: currency (cash) and credit (drawn on a credit line). */
public enum NoteType implements StableCode {
    CURRENCY(1),
    CREDIT(2);

    private final int code;

    NoteType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
