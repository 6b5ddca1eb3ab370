package org.ems.security.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.security.PublicKey;
import java.time.Instant;
import org.ems.crypto.Crypto;

/**
 * A primary security server: certifies security servers, and (when designated) maintains the
 * bad-ID list, the list of active PSS public keys, the key-length policy and global
 * recertification. Its key length never changes. The private key is stored sealed.
 * Invariant: exactly one active PSS is designated at a time (kept by the service that designates).
 */
@Entity
@Table(name = "SEC_PRIMARY_SERVER")
public class PrimarySecurityServer {

    @Id
    private long id;

    @Lob
    @Column(nullable = false)
    private byte[] publicKey;

    @Lob
    @Column(nullable = false)
    private byte[] sealedPrivateKey;

    @Column(nullable = false)
    private boolean designated;

    @Column(nullable = false)
    private Instant createdAt;

    protected PrimarySecurityServer() {
        // for JPA
    }

    public PrimarySecurityServer(ModuleId id, PublicKey publicKey, byte[] sealedPrivateKey, boolean designated, Instant createdAt) {
        this.id = id.value();
        this.publicKey = publicKey.getEncoded();
        this.sealedPrivateKey = sealedPrivateKey.clone();
        this.designated = designated;
        this.createdAt = createdAt;
    }

    public ModuleId id() {
        return new ModuleId(id);
    }

    public PublicKey publicKey() {
        return Crypto.decodePublicKey(publicKey);
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    public boolean isDesignated() {
        return designated;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
