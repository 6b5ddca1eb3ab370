package org.ems.settlement.application;

import java.util.regex.Pattern;

/**
 * A settlement cycle's name, chosen by whoever opens it (e.g. {@code CLS-2026-12-01}): 1 to 32
 * letters, digits, '.', '_' or '-', starting with a letter or digit, so it fits a URL path
 * segment, a JMS property and the notice line.
 */
public record CycleId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public CycleId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("cycle id must be 1-32 of A-Z, a-z, 0-9, '.', '_', '-' starting with a letter or digit: "
                    + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
