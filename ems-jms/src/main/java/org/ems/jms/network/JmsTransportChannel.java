package org.ems.jms.network;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.ems.jms.platform.MessageContract;
import org.ems.network.application.TransportChannel;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.ModuleRole;

/**
 * Network messages on the messaging engine: persistent, in the sending step's transaction, on
 * the queue of the recipient's kind. The body is the message's canonical encoding; the
 * properties only help operators (conversation, kind), consumers trust the body alone.
 */
@ApplicationScoped
public class JmsTransportChannel implements TransportChannel {

    public static final String NETWORK_MESSAGE_TYPE = "network.message";

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/network/NetworkServers")
    Queue networkServers;

    @Resource(lookup = "jms/ems/network/SecurityServers")
    Queue securityServers;

    @Resource(lookup = "jms/ems/network/Modules")
    Queue modules;

    @Inject
    TrustAnchors trust;

    @Override
    public String name() {
        return "jms";
    }

    @Override
    public void send(NetworkMessage message) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(MessageContract.TYPE, NETWORK_MESSAGE_TYPE)
                .setProperty("ems_conversation", message.conversation().toString())
                .setProperty("ems_kind", message.kind().name())
                .send(queueFor(message), message.encode());
    }

    private Queue queueFor(NetworkMessage message) {
        if (!(message.recipient() instanceof ModuleAddress module)) {
            return networkServers;
        }
        return trust.scheme().roleOf(module.id()) == ModuleRole.SECURITY_SERVER ? securityServers : modules;
    }
}
