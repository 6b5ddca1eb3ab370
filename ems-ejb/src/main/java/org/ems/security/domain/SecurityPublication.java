package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One signed, versioned document that the primary security servers publish to the security
 * network: a bad-ID list, a PSS public key list, a key-length policy, a global recertification
 * call. Append-only: a new version is a new row; (kind, version) is unique, so a concurrent or
 * repeated publication of the same version fails instead of forking the history.
 */
@Entity
@Table(name = "SEC_PUBLICATION", uniqueConstraints = @UniqueConstraint(columnNames = {"kind", "version"}))
public class SecurityPublication {

    /** What a publication is. */
    public enum Kind { BAD_ID_LIST, PSS_KEY_LIST, KEY_LENGTH_POLICY, GLOBAL_RECERTIFICATION }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Kind kind;

    @Column(nullable = false)
    private long version;

    @Lob
    @Column(nullable = false)
    private byte[] encoded;

    @Column(nullable = false)
    private Instant publishedAt;

    protected SecurityPublication() {
        // for JPA
    }

    public SecurityPublication(Kind kind, long version, byte[] encoded, Instant publishedAt) {
        if (version < 1) {
            throw new IllegalArgumentException("publication versions start at 1: " + version);
        }
        this.kind = kind;
        this.version = version;
        this.encoded = encoded.clone();
        this.publishedAt = publishedAt;
    }

    public Kind kind() {
        return kind;
    }

    public long version() {
        return version;
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
