package org.ems.network.application;

import org.ems.network.domain.NetworkMessage;

/** One way of carrying network messages (JMS, in-VM); {@link RoutingNetworkTransport} uses the configured one. */
public interface TransportChannel {

    /** {@code jms} or {@code in-vm}: the value of {@code ems.network.transport} that selects it. */
    String name();

    void send(NetworkMessage message);
}
