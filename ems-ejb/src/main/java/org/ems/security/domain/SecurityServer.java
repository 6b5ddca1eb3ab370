package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A security server: certified by a primary security server, it certifies modules and serves
 * sign-on. It holds the bad-ID list version that the security network last delivered to it;
 * it validates with that list, never with one it has not received.
 * Invariants: the certificate's subject is this id; the bad-ID list version only grows.
 */
@Entity
@Table(name = "SEC_SECURITY_SERVER")
public class SecurityServer {

    @Id
    private long id;

    @Lob
    @Column(nullable = false)
    private byte[] certificate;

    @Lob
    @Column(nullable = false)
    private byte[] sealedPrivateKey;

    @Column(nullable = false)
    private long badIdListVersion;

    @Column(nullable = false)
    private Instant createdAt;

    protected SecurityServer() {
        // for JPA
    }

    public SecurityServer(Certificate certificate, byte[] sealedPrivateKey, long badIdListVersion, Instant createdAt) {
        if (certificate.subjectRole() != ModuleRole.SECURITY_SERVER) {
            throw new IllegalArgumentException("not a security server certificate: " + certificate.subjectRole());
        }
        this.id = certificate.subjectId().value();
        this.certificate = certificate.encoded();
        this.sealedPrivateKey = sealedPrivateKey.clone();
        this.badIdListVersion = badIdListVersion;
        this.createdAt = createdAt;
    }

    public ModuleId id() {
        return new ModuleId(id);
    }

    /** The certificate, decoded and checked against this server's id (pair assertion). */
    public Certificate certificate() {
        Certificate decoded = Certificate.decode(certificate);
        if (decoded.subjectId().value() != id) {
            throw new IllegalStateException("stored certificate of security server " + id + " names " + decoded.subjectId());
        }
        return decoded;
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    public long badIdListVersion() {
        return badIdListVersion;
    }

    /**
     * Takes a newer bad-ID list delivered by the security network. An older or equal version
     * (a redelivered or reordered message) changes nothing; returns whether it was taken.
     */
    public boolean receiveBadIdList(long version) {
        if (version <= badIdListVersion) {
            return false;
        }
        badIdListVersion = version;
        return true;
    }

    /** Replaces the certificate and key after recertification; the id stays. */
    public void recertify(Certificate newCertificate, byte[] newSealedPrivateKey) {
        if (newCertificate.subjectId().value() != id) {
            throw new IllegalArgumentException("recertification must keep the id " + id);
        }
        this.certificate = newCertificate.encoded();
        this.sealedPrivateKey = newSealedPrivateKey.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }
}
