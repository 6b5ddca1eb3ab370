package org.ems.money.domain;

/** Two amounts of different currencies met in one operation: a programming or input error, never converted silently. */
public final class CurrencyMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CurrencyMismatchException(CurrencyCode expected, CurrencyCode found) {
        super("currency mismatch: " + expected + " and " + found);
    }
}
