package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The security hierarchy's record of a certificate it issued to a module (teller, money
 * generator, customer service module or transaction module). The module itself holds its
 * private key; this record lets the hierarchy answer for the certificate later (claims,
 * investigations) and shows which security server issued it.
 */
@Entity
@Table(name = "SEC_CERTIFIED_MODULE")
public class CertifiedModule {

    @Id
    private long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ModuleRole role;

    @Column(nullable = false)
    private long certifiedBy;

    @Lob
    @Column(nullable = false)
    private byte[] certificate;

    @Column(nullable = false)
    private Instant expiresAt;

    protected CertifiedModule() {
        // for JPA
    }

    public CertifiedModule(Certificate certificate) {
        this.id = certificate.subjectId().value();
        this.role = certificate.subjectRole();
        this.certifiedBy = certificate.issuerCertificate()
                .orElseThrow(() -> new IllegalArgumentException("a module certificate carries Cert(SS)"))
                .subjectId().value();
        this.certificate = certificate.encoded();
        this.expiresAt = certificate.expiresAt();
    }

    /** A new certificate for the same module (recertification at sign-on): same id and role. */
    public void recertify(Certificate newCertificate) {
        if (newCertificate.subjectId().value() != id || newCertificate.subjectRole() != role) {
            throw new IllegalArgumentException("recertification keeps module " + id + " and its role " + role);
        }
        this.certifiedBy = newCertificate.issuerCertificate()
                .orElseThrow(() -> new IllegalArgumentException("a module certificate carries Cert(SS)"))
                .subjectId().value();
        this.certificate = newCertificate.encoded();
        this.expiresAt = newCertificate.expiresAt();
    }

    public ModuleId id() {
        return new ModuleId(id);
    }

    public ModuleRole role() {
        return role;
    }

    public ModuleId certifiedBy() {
        return new ModuleId(certifiedBy);
    }

    public Certificate certificate() {
        return Certificate.decode(certificate);
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
