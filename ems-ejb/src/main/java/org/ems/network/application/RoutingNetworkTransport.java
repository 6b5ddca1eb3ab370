package org.ems.network.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.ems.network.domain.NetworkMessage;

/** The transport port as configured by {@code ems.network.transport}: {@code jms} (default) or {@code in-vm}. */
@ApplicationScoped
public class RoutingNetworkTransport implements NetworkTransport {

    @Inject @Any Instance<TransportChannel> channels;
    @Inject NetworkSettings settings;

    @Override
    public void send(NetworkMessage message) {
        String wanted = settings.transport();
        for (TransportChannel channel : channels) {
            if (channel.name().equals(wanted)) {
                channel.send(message);
                return;
            }
        }
        throw new IllegalStateException("no network transport named " + wanted + " (ems.network.transport)");
    }
}
