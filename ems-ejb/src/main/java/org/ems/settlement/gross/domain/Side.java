package org.ems.settlement.gross.domain;

/** The two counterparty settlement agents of an instruction. */
public enum Side {
    A,
    B;

    public Side other() {
        return this == A ? B : A;
    }
}
