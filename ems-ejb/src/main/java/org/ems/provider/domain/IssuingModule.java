package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * One of the provider host's two issuing money modules, certified by a security server like a
 * bank's: the money generator (signs each note) and the issuing teller (the first holder, which
 * transfers the note to the card; the money issue's notes always pass a teller first). The
 * private key is sealed at rest. One row per kind; the security server that certified the
 * generator also certifies the provider's cards and merchant terminals.
 */
@Entity
@Table(name = "PROVIDER_ISSUING_MODULE")
public class IssuingModule {

    public enum Kind {
        GENERATOR(ModuleRole.MONEY_GENERATOR), TELLER(ModuleRole.TELLER);

        private final ModuleRole role;

        Kind(ModuleRole role) {
            this.role = role;
        }

        public ModuleRole role() {
            return role;
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Kind kind;

    @Column(nullable = false)
    private long securityServerId;

    @Lob
    @Column(nullable = false)
    private byte[] certificate;

    @Lob
    @Column(nullable = false)
    private byte[] sealedPrivateKey;

    @Column(nullable = false)
    private Instant certifiedAt;

    protected IssuingModule() {
        // for JPA
    }

    public IssuingModule(Kind kind, ModuleId securityServer, Certificate certificate, byte[] sealedPrivateKey, Instant now) {
        if (certificate.subjectRole() != kind.role()) {
            throw new IllegalArgumentException("the provider's " + kind + " is a " + kind.role() + ", not a " + certificate.subjectRole());
        }
        this.kind = kind;
        this.securityServerId = securityServer.value();
        this.certificate = certificate.encoded();
        this.sealedPrivateKey = sealedPrivateKey.clone();
        this.certifiedAt = now;
    }

    public Kind kind() {
        return kind;
    }

    public ModuleId securityServer() {
        return new ModuleId(securityServerId);
    }

    public Certificate certificate() {
        return Certificate.decode(certificate);
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }
}
