package org.ems.security.domain;

/**
 * The identification number n of a module or server in the numbering scheme. Only the range is
 * checked here (1 <= n < 2^48, since n < p-1 < 2^48); whether n is authentic for a role needs
 * the secret scheme: {@link NumberingScheme#isAuthentic}.
 */
public record ModuleId(long value) implements Comparable<ModuleId> {

    /** Exclusive upper bound: the prime p has 48 bits and every id is below p-1. */
    public static final long LIMIT = 1L << 48;

    public ModuleId {
        if (value < 1 || value >= LIMIT) {
            throw new IllegalArgumentException("module id outside 1..2^48-1: " + value);
        }
    }

    /** Parses the decimal form that {@link #toString()} gives. */
    public static ModuleId parse(String text) {
        if (text.length() > 16) {
            throw new IllegalArgumentException("module id too long: " + text.length() + " characters");
        }
        try {
            return new ModuleId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a module id: " + text, e);
        }
    }

    @Override
    public int compareTo(ModuleId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
