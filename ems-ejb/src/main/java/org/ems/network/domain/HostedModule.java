package org.ems.network.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * A module that this server hosts for its subscriber or bank: its identity on the EMS network.
 * Holds its certificate and sealed private key, the lists it trusts (as its last sign-on
 * delivered them), its clock offset (from clock synchronisation), and its network link while
 * signed on (sealed: it holds K).
 * Invariants: the certificate's subject is this id; the lists change only through a completed
 * sign-on; a module is signed on exactly when it holds a link.
 */
@Entity
@Table(name = "NET_HOSTED_MODULE")
public class HostedModule {

    @Id
    private long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ModuleRole role;

    @Lob
    @Column(nullable = false)
    private byte[] certificate;

    @Lob
    @Column(nullable = false)
    private byte[] sealedPrivateKey;

    @Lob
    @Column(nullable = false)
    private byte[] pssKeyList;

    @Lob
    @Column(nullable = false)
    private byte[] badIdList;

    @Lob
    @Column(nullable = false)
    private byte[] keyLengthPolicy;

    @Column(nullable = false, length = 64)
    private String networkServer;

    @Column(nullable = false)
    private long clockOffsetMs;

    @Lob
    private byte[] sealedLink;

    @Column(nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected HostedModule() {
        // for JPA
    }

    public HostedModule(Certificate certificate, byte[] sealedPrivateKey, TrustedLists trust, NetworkServerId networkServer,
                        Instant createdAt) {
        if (!certificate.subjectRole().isCertifiedBySecurityServer()) {
            throw new IllegalArgumentException("a hosted module is certified by a security server, not a " + certificate.subjectRole());
        }
        this.id = certificate.subjectId().value();
        this.role = certificate.subjectRole();
        this.certificate = certificate.encoded();
        this.sealedPrivateKey = sealedPrivateKey.clone();
        storeTrust(trust);
        this.networkServer = networkServer.name();
        this.createdAt = createdAt;
    }

    public ModuleId id() {
        return new ModuleId(id);
    }

    public ModuleRole role() {
        return role;
    }

    public Certificate certificate() {
        Certificate decoded = Certificate.decode(certificate);
        if (decoded.subjectId().value() != id) {
            throw new IllegalStateException("stored certificate of module " + id + " names " + decoded.subjectId());
        }
        return decoded;
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    /** The lists this module trusts; the numbering scheme is loaded into every module at manufacture. */
    public TrustedLists trust(NumberingScheme scheme) {
        return new TrustedLists(scheme, PssKeyList.decode(pssKeyList), BadIdList.decode(badIdList),
                SignedKeyLengthPolicy.decode(keyLengthPolicy));
    }

    public NetworkServerId networkServer() {
        return new NetworkServerId(networkServer);
    }

    public Duration clockOffset() {
        return Duration.ofMillis(clockOffsetMs);
    }

    public Optional<byte[]> sealedLink() {
        return Optional.ofNullable(sealedLink).map(byte[]::clone);
    }

    public boolean isSignedOn() {
        return sealedLink != null;
    }

    /**
     * Takes what a settled sign-on left: the corrected clock, the security update if one was
     * checked, a new certificate and key if recertified, and the link if signed on.
     */
    public void completeSignOn(Duration newClockOffset, Optional<TrustedLists> updatedTrust, Optional<Certificate> newCertificate,
                               Optional<byte[]> newSealedPrivateKey, Optional<byte[]> newSealedLink) {
        this.clockOffsetMs = newClockOffset.toMillis();
        updatedTrust.ifPresent(this::storeTrust);
        if (newCertificate.isPresent()) {
            if (newCertificate.get().subjectId().value() != id || newSealedPrivateKey.isEmpty()) {
                throw new IllegalArgumentException("recertification keeps the id and brings its new key");
            }
            this.certificate = newCertificate.get().encoded();
            this.sealedPrivateKey = newSealedPrivateKey.get().clone();
        }
        this.sealedLink = newSealedLink.map(byte[]::clone).orElse(null);
    }

    /** Leaves the network (signed off, or the link was refused or timed out). */
    public void dropLink() {
        this.sealedLink = null;
    }

    private void storeTrust(TrustedLists trust) {
        this.pssKeyList = trust.pssKeys().encoded();
        this.badIdList = trust.badIds().encoded();
        this.keyLengthPolicy = trust.signedPolicy().encoded();
    }
}
