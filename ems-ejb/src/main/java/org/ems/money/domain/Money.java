package org.ems.money.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of one currency as a {@code long} of minor units (cents for USD, yen for JPY).
 * Immutable; every operation refuses a currency mismatch ({@link CurrencyMismatchException})
 * and overflow ({@link ArithmeticException} from {@link Math#addExact}): a wrong total must be
 * an error, never a silently wrapped number. Negative amounts exist (differences, net
 * positions); notes and transfers require positive ones themselves.
 */
public final class Money implements Comparable<Money> {

    private final CurrencyCode currency;
    private final long amountMinor;

    private Money(CurrencyCode currency, long amountMinor) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.amountMinor = amountMinor;
    }

    public static Money of(CurrencyCode currency, long amountMinor) {
        return new Money(currency, amountMinor);
    }

    public static Money zero(CurrencyCode currency) {
        return new Money(currency, 0);
    }

    public CurrencyCode currency() {
        return currency;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.addExact(amountMinor, other.amountMinor));
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.subtractExact(amountMinor, other.amountMinor));
    }

    public boolean isNegative() {
        return amountMinor < 0;
    }

    public boolean isPositive() {
        return amountMinor > 0;
    }

    public boolean isZero() {
        return amountMinor == 0;
    }

    /** Whether this is greater than {@code other}; the currencies must match. */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /** Orders amounts of one currency; comparing two currencies is a {@link CurrencyMismatchException}. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amountMinor, other.amountMinor);
    }

    /** The amount in major units, exactly (for display and exchange; never for arithmetic on money). */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(amountMinor, currency.minorDigits());
    }

    public void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Money that && amountMinor == that.amountMinor && currency.equals(that.currency);
    }

    @Override
    public int hashCode() {
        return 31 * currency.hashCode() + Long.hashCode(amountMinor);
    }

    @Override
    public String toString() {
        return currency.code() + " " + toDecimal().toPlainString();
    }
}
