package org.ems.provider.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** The provider host's e-money authenticator key, sealed at rest under the server's master key (one row). */
@Entity
@Table(name = "PROVIDER_ISSUING_KEY")
public class ProviderIssuingKey {

    static final String ID = "issuing";

    @Id
    @Column(length = 16)
    private String id;

    @Lob
    @Column(nullable = false)
    private byte[] sealedKey;

    protected ProviderIssuingKey() {
        // for JPA
    }

    ProviderIssuingKey(byte[] sealedKey) {
        this.id = ID;
        this.sealedKey = sealedKey.clone();
    }

    byte[] sealedKey() {
        return sealedKey.clone();
    }
}
