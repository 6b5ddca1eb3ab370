package org.ems.network.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ems.network.application.NetworkDispatcher;
import org.ems.network.application.TransportChannel;
import org.ems.network.domain.NetworkMessage;

/**
 * Parties in this server: a message is handed to the recipient only after the sender's step has
 * committed (a rolled-back step sends nothing), and the recipient's step runs in its own
 * transaction on a managed thread. Not durable: a message in flight when the server stops is
 * lost, and the waiting party's timeout ends its protocol.
 */
@ApplicationScoped
public class InVmTransportChannel implements TransportChannel {

    private static final Logger LOG = Logger.getLogger(InVmTransportChannel.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    @Inject
    NetworkDispatcher dispatcher;

    @Override
    public String name() {
        return "in-vm";
    }

    @Override
    public void send(NetworkMessage message) {
        byte[] encoded = message.encode(); // a copy: the message leaves the sender's hands now
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    executor.execute(() -> deliver(encoded));
                }
            }
        });
    }

    private void deliver(byte[] encoded) {
        try {
            dispatcher.deliver(NetworkMessage.decode(encoded));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "in-VM delivery failed; the waiting party will time out", e);
        }
    }
}
