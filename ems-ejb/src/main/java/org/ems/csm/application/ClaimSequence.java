package org.ems.csm.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A money module's claim sequence counter (figure 21: "the claim sequence number" of the note
 * directory): every lost-note claim file it creates takes the next number. {@code @Version}: two
 * concurrent claims of one module never take the same number.
 */
@Entity
@Table(name = "CSM_CLAIM_SEQUENCE")
public class ClaimSequence {

    @Id
    private long moduleId;

    @Column(nullable = false)
    private long lastIssued;

    @Version
    private long version;

    protected ClaimSequence() {
        // for JPA
    }

    public ClaimSequence(long moduleId) {
        this.moduleId = moduleId;
    }

    /** The next claim sequence number, from 1. */
    public long next() {
        lastIssued = Math.addExact(lastIssued, 1);
        return lastIssued;
    }

    public long lastIssued() {
        return lastIssued;
    }
}
