package org.ems.settlement.gross.domain;

import java.util.regex.Pattern;

/**
 * A settlement instruction's id, its idempotency key: 1 to 64 characters, letters, digits, '.',
 * '_' or '-', starting with a letter or digit (a trade id or "pair-A-B-2026-12-01" fits).
 */
public record InstructionId(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    public InstructionId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("an instruction id is 1-" + MAX_LENGTH
                    + " of A-Z, a-z, 0-9, '.', '_', '-' starting with a letter or digit: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
