package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The numbering scheme that the primary security servers installed: the secret prime p, the
 * primitive root a, the constant C and the factors of p-1. Exactly one row; it never changes,
 * because every id and every certificate in the system depends on it.
 */
@Entity
@Table(name = "SEC_NUMBERING_SCHEME")
public class InstalledNumberingScheme {

    /** The only row's key. */
    public static final int SINGLETON = 1;

    @Id
    private int id;

    @Column(nullable = false)
    private long prime;

    @Column(nullable = false)
    private long primitiveRoot;

    @Column(nullable = false)
    private long constantC;

    @Column(nullable = false, length = 400)
    private String factorsOfPMinus1;

    @Transient
    private NumberingScheme scheme;

    protected InstalledNumberingScheme() {
        // for JPA
    }

    public InstalledNumberingScheme(NumberingScheme scheme) {
        this.id = SINGLETON;
        this.prime = scheme.p();
        this.primitiveRoot = scheme.a();
        this.constantC = scheme.c();
        this.factorsOfPMinus1 = scheme.encodeFactors();
        this.scheme = scheme;
    }

    /**
     * The scheme, checked again on every load (pair assertion: validated when written and when read).
     * Every transaction loads the row afresh, and building a scheme builds its discrete-log tables
     * (5% of a settlement's CPU once), so the scheme last built is reused when a load holds exactly
     * the values it was built and checked from; other values are built and checked anew.
     */
    public NumberingScheme scheme() {
        if (scheme == null) {
            Built last = LAST_BUILT.get();
            if (last != null && last.holds(prime, primitiveRoot, constantC, factorsOfPMinus1)) {
                scheme = last.scheme();
            } else {
                scheme = new NumberingScheme(prime, primitiveRoot, constantC, NumberingScheme.decodeFactors(factorsOfPMinus1));
                LAST_BUILT.set(new Built(prime, primitiveRoot, constantC, factorsOfPMinus1, scheme));
            }
        }
        return scheme;
    }

    private static final AtomicReference<Built> LAST_BUILT = new AtomicReference<>();

    /** A scheme (immutable) and the row values it was built and checked from. */
    private record Built(long prime, long primitiveRoot, long constantC, String factors, NumberingScheme scheme) {

        boolean holds(long p, long a, long c, String f) {
            return prime == p && primitiveRoot == a && constantC == c && factors.equals(f);
        }
    }
}
