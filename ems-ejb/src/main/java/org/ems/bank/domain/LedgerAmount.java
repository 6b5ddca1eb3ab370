package org.ems.bank.domain;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * A signed amount of one ISO 4217 currency in integer minor units, as the ledger keeps it
 * (balances may be negative; postings are positive). Kept separate from the money context's
 * type on purpose so the two can be reconciled later; the shape (minor units + code) is the same.
 * Every operation refuses a currency mismatch and every result stays within
 * {@link #MAX_ABS_MINOR}, so sums over a whole ledger can never overflow a long.
 */
public record LedgerAmount(long minor, String currency) {

    /** 10^15 minor units: 10 trillion units of a 2-decimal currency; far above any one bank's book. */
    public static final long MAX_ABS_MINOR = 1_000_000_000_000_000L;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public LedgerAmount {
        requireCurrency(currency);
        if (minor > MAX_ABS_MINOR || minor < -MAX_ABS_MINOR) {
            throw new IllegalArgumentException("amount beyond +/-" + MAX_ABS_MINOR + " minor units: " + minor);
        }
    }

    public static LedgerAmount of(long minor, String currency) {
        return new LedgerAmount(minor, currency);
    }

    public static LedgerAmount zero(String currency) {
        return new LedgerAmount(0, currency);
    }

    /** Checks an ISO 4217 code known to the JDK; returns it. */
    public static String requireCurrency(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency must be 3 upper-case letters: " + code);
        }
        Currency.getInstance(code); // throws IllegalArgumentException for an unknown code
        return code;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public LedgerAmount plus(LedgerAmount other) {
        requireSameCurrency(other);
        return new LedgerAmount(Math.addExact(minor, other.minor), currency);
    }

    public LedgerAmount minus(LedgerAmount other) {
        requireSameCurrency(other);
        return new LedgerAmount(Math.subtractExact(minor, other.minor), currency);
    }

    public LedgerAmount negate() {
        return new LedgerAmount(-minor, currency);
    }

    public boolean sameCurrency(LedgerAmount other) {
        return currency.equals(other.currency);
    }

    private void requireSameCurrency(LedgerAmount other) {
        if (!sameCurrency(other)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return minor + " " + currency;
    }
}
