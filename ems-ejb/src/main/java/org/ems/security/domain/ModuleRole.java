package org.ems.security.domain;

/**
 * The roles of the patent's Module Numbering Scheme, each owning a range of residues
 * m = a^n mod p; the range that m falls in tells the role of id n.
 *
 * <p>Deviation, on purpose: the patent's primary-security-server range starts at m = 1, but
 * a^n = 1 only for n = 0 (mod p-1), which is no id. So the lowest residue that an id can have,
 * and the one {@link #lowestResidue()} reports, is 2; a residue counter that starts there
 * never asks for an id that cannot exist.
 */
public enum ModuleRole {
    PRIMARY_SECURITY_SERVER(1, 2, 99_999),
    SECURITY_SERVER(2, 100_000, 999_999),
    TELLER(3, 1_000_000, 6_999_999),
    MONEY_GENERATOR(4, 7_000_000, 9_999_999),
    CUSTOMER_SERVICE(5, 10_000_000, 11_999_999),
    /** Unbounded above: up to p-1. */
    TRANSACTION(6, 12_000_000, Long.MAX_VALUE);

    private final int code;
    private final long lowest;
    private final long highest;

    ModuleRole(int code, long lowest, long highest) {
        this.code = code;
        this.lowest = lowest;
        this.highest = highest;
    }

    /** Stable number used in encodings; never the ordinal, so reordering cannot change signatures. */
    public int code() {
        return code;
    }

    public long lowestResidue() {
        return lowest;
    }

    /** The highest residue of the role for the prime p (p-1 for transaction modules). */
    public long highestResidue(long p) {
        if (p <= TRANSACTION.lowest) {
            throw new IllegalArgumentException("p must exceed " + TRANSACTION.lowest + ": " + p);
        }
        return Math.min(highest, p - 1);
    }

    public boolean contains(long m, long p) {
        return m >= lowest && m <= highestResidue(p);
    }

    /** Roles whose certificates a security server issues (all but the two kinds of security server). */
    public boolean isCertifiedBySecurityServer() {
        return this != PRIMARY_SECURITY_SERVER && this != SECURITY_SERVER;
    }

    /** The role whose range holds m; {@link IllegalArgumentException} if m is no id's residue (m outside 2..p-1). */
    public static ModuleRole ofResidue(long m, long p) {
        for (ModuleRole role : values()) {
            if (role.contains(m, p)) {
                return role;
            }
        }
        throw new IllegalArgumentException("residue " + m + " is in no role's range");
    }

    /** The role with this code; {@link IllegalArgumentException} for an unknown code. */
    public static ModuleRole ofCode(int code) {
        for (ModuleRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role code " + code);
    }
}
