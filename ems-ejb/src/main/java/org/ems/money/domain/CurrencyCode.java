package org.ems.money.domain;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An ISO 4217 alphabetic currency code with its number of minor-unit digits (USD 2, JPY 0,
 * BHD 3), taken from {@link Currency} so that the two can never disagree. Codes without minor
 * units (XXX, XAU: {@code getDefaultFractionDigits() < 0}) are refused: EMS counts money in
 * integer minor units and such a "currency" has none.
 */
public record CurrencyCode(String code, int minorDigits) implements Comparable<CurrencyCode> {

    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    public CurrencyCode {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 alphabetic code: " + code);
        }
        int expected = digitsOf(code);
        if (minorDigits != expected) {
            throw new IllegalArgumentException(code + " has " + expected + " minor digits, not " + minorDigits);
        }
    }

    /** The currency with this code, its minor digits from {@link Currency}. */
    public static CurrencyCode of(String code) {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 alphabetic code: " + code);
        }
        return new CurrencyCode(code, digitsOf(code));
    }

    private static int digitsOf(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency: " + code, e);
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(code + " has no minor units and cannot be money");
        }
        return digits;
    }

    @Override
    public int compareTo(CurrencyCode other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
