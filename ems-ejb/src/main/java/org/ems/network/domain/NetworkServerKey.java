package org.ems.network.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.security.domain.ModuleId;

/**
 * The NS/SS key that one network server shares with one security server (patent: "local
 * symmetric keys installed in network servers and security servers which communicate for
 * network sign-on"), sealed at rest. A network server is known by the keys it holds.
 */
@Entity
@Table(name = "NET_NS_SS_KEY")
public class NetworkServerKey {

    @Id
    @Column(name = "pairKey", length = 100)
    private String key;

    @Column(nullable = false, length = 64)
    private String networkServer;

    @Column(nullable = false)
    private long securityServer;

    @Lob
    @Column(nullable = false)
    private byte[] sealedSecret;

    @Column(nullable = false)
    private Instant createdAt;

    protected NetworkServerKey() {
        // for JPA
    }

    public NetworkServerKey(NetworkServerId networkServer, ModuleId securityServer, byte[] sealedSecret, Instant createdAt) {
        this.key = networkServer.name() + ":" + securityServer.value();
        this.networkServer = networkServer.name();
        this.securityServer = securityServer.value();
        this.sealedSecret = sealedSecret.clone();
        this.createdAt = createdAt;
    }

    public NetworkServerId networkServer() {
        return new NetworkServerId(networkServer);
    }

    public ModuleId securityServer() {
        return new ModuleId(securityServer);
    }

    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }
}
