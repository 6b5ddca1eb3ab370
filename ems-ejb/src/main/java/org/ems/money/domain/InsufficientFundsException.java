package org.ems.money.domain;

/** A holder was asked to pay more than it holds (of one note, or of all its notes of a currency). */
public final class InsufficientFundsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Money available;
    private final Money requested;

    public InsufficientFundsException(Money available, Money requested) {
        super("insufficient funds: " + requested + " requested, " + available + " available");
        this.available = available;
        this.requested = requested;
    }

    public Money available() {
        return available;
    }

    public Money requested() {
        return requested;
    }
}
