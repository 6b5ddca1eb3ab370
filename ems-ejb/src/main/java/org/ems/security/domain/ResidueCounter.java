package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The next unused residue m of one role's range. Ids are issued as n = log_a(m) for m taken
 * from this counter, so every id is unique and authentic for its role by construction, and an
 * id costs one discrete logarithm (Pohlig-Hellman) instead of a search.
 */
@Entity
@Table(name = "SEC_RESIDUE_COUNTER")
public class ResidueCounter {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private ModuleRole role;

    @Column(nullable = false)
    private long nextResidue;

    protected ResidueCounter() {
        // for JPA
    }

    public ResidueCounter(ModuleRole role) {
        this.role = role;
        this.nextResidue = role.lowestResidue();
    }

    public ModuleRole role() {
        return role;
    }

    /** Takes the next residue of the role's range; fails when the range is used up. */
    public long take(long p) {
        long residue = nextResidue;
        if (!role.contains(residue, p)) {
            throw new IllegalStateException("the id range of " + role + " is exhausted");
        }
        nextResidue = residue + 1;
        return residue;
    }
}
