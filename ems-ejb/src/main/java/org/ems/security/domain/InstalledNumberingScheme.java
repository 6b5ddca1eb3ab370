package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

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

    /** The scheme, checked again on every load (pair assertion: validated when written and when read). */
    public NumberingScheme scheme() {
        if (scheme == null) {
            scheme = new NumberingScheme(prime, primitiveRoot, constantC, NumberingScheme.decodeFactors(factorsOfPMinus1));
        }
        return scheme;
    }
}
