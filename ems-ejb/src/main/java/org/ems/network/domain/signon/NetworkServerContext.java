package org.ems.network.domain.signon;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.domain.ModuleId;

/** A network server's name, the security servers it forwards sign-ons to (with their NS/SS keys), and its randomness for K and V. */
public record NetworkServerContext(NetworkServerId id, List<SecurityServerRoute> securityServers, SecureRandom random) {

    public static final int MAX_SECURITY_SERVERS = 64;

    public NetworkServerContext {
        Objects.requireNonNull(id, "id");
        securityServers = List.copyOf(securityServers);
        Objects.requireNonNull(random, "random");
        if (securityServers.isEmpty() || securityServers.size() > MAX_SECURITY_SERVERS) {
            throw new IllegalArgumentException("a network server routes to 1.." + MAX_SECURITY_SERVERS + " security servers");
        }
    }

    /** The security server for a sign-on: a function of the conversation, so a redelivered request picks the same one. */
    public SecurityServerRoute routeFor(ConversationId conversation) {
        return securityServers.get(Math.floorMod(conversation.hashCode(), securityServers.size()));
    }

    public Optional<SecurityServerRoute> route(ModuleId securityServer) {
        return securityServers.stream().filter(r -> r.securityServer().equals(securityServer)).findFirst();
    }
}
