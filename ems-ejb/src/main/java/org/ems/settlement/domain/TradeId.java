package org.ems.settlement.domain;

import java.util.regex.Pattern;

/**
 * A confirmed trade's reference, the idempotency key of trade intake: 1 to 32 characters,
 * letters, digits, '.', '_' or '-', starting with a letter or digit (no spaces, so it fits the
 * space-separated trade line).
 */
public record TradeId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public TradeId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("trade id must be 1-32 of A-Z, a-z, 0-9, '.', '_', '-' starting with a letter or digit: "
                    + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
