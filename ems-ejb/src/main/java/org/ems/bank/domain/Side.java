package org.ems.bank.domain;

/** Which side of a journal line an account is on. */
public enum Side {
    DEBIT,
    CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
