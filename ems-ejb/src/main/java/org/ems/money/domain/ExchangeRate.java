package org.ems.money.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How many major units of {@code quote} one major unit of {@code base} buys, as an exact
 * decimal (1 GBP = 1.2745 USD). Conversion works in minor units and rounds once, at the end,
 * with the rounding mode the caller names: who gets the fraction is a business decision, so it
 * is never a default.
 */
public record ExchangeRate(CurrencyCode base, CurrencyCode quote, BigDecimal rate) {

    /** Precision limit of a rate: far beyond any quoted rate, it bounds the cost of arithmetic on input. */
    public static final int MAX_RATE_DIGITS = 30;

    public ExchangeRate {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(rate, "rate");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("an exchange rate needs two currencies, got " + base + " twice");
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("exchange rate must be positive: " + rate);
        }
        if (rate.precision() > MAX_RATE_DIGITS) {
            throw new IllegalArgumentException("exchange rate over " + MAX_RATE_DIGITS + " digits");
        }
    }

    /** {@code amount} (in {@code base}) in {@code quote}, rounded to a whole minor unit by {@code rounding}. */
    public Money convert(Money amount, RoundingMode rounding) {
        Objects.requireNonNull(rounding, "rounding");
        if (!amount.currency().equals(base)) {
            throw new CurrencyMismatchException(base, amount.currency());
        }
        BigDecimal quoteMajor = amount.toDecimal().multiply(rate);
        BigDecimal quoteMinor = quoteMajor.movePointRight(quote.minorDigits()).setScale(0, rounding);
        try {
            return Money.of(quote, quoteMinor.longValueExact());
        } catch (ArithmeticException e) {
            throw new ArithmeticException("converted amount does not fit in a long of minor units: " + quoteMinor);
        }
    }
}
