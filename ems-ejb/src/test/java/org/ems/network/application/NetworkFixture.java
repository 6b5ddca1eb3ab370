package org.ems.network.application;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ems.crypto.AtRestCipher;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerKey;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ReceivedNotice;
import org.ems.network.infrastructure.JpaNetworkRepository;
import org.ems.security.application.SecurityFixture;

/**
 * The network's application services wired as the container wires them, over the JTA harness:
 * the transport queues a message only when the sending step's transaction commits (as the XA
 * JMS send does) and the test delivers it, each delivery in its own transaction; timers are
 * recorded and fired by the test.
 */
public final class NetworkFixture implements AutoCloseable {

    public final SecurityFixture security;
    public final CommitQueueTransport transport = new CommitQueueTransport();
    public final RecordingTimeouts timeouts = new RecordingTimeouts();
    public final NetworkService network = new NetworkService();
    public final NetworkDispatcher dispatcher = new NetworkDispatcher();
    public final JpaNetworkRepository repository;
    public final AtRestCipher atRest;
    public final NetworkSettings settings = new NetworkSettings();
    public final NetworkContexts contexts = new NetworkContexts();
    public final ConversationSteps steps = new ConversationSteps();

    public NetworkFixture(String name, Class<?>... moreEntities) {
        security = new SecurityFixture(name, entities(moreEntities));
        repository = new JpaNetworkRepository(security.harness.transactionScopedEntityManager());
        atRest = new AtRestCipher(new byte[32], security.random);

        settings.clockToleranceSeconds = 30;
        settings.maxClockSyncAttempts = 3;
        settings.sessionTimeRangeSeconds = 120;
        settings.replyTimeoutSeconds = 30;
        settings.transport = "test";
        settings.moduleCertificateDays = 365;

        contexts.network = repository;
        contexts.securityServers = security.securityServerRepository;
        contexts.certifiedModules = new org.ems.security.infrastructure.JpaCertifiedModuleRepository(
                security.harness.transactionScopedEntityManager());
        contexts.trust = security.trust;
        contexts.vault = security.vault;
        contexts.atRest = atRest;
        contexts.random = security.random;
        contexts.clock = security.clock;
        contexts.settings = settings;

        steps.network = repository;
        steps.transport = transport;
        steps.timeouts = timeouts;
        steps.atRest = atRest;
        steps.clock = security.clock;
        steps.settings = settings;

        var completion = new ModuleSignOnCompletion();
        completion.network = repository;
        completion.trust = security.trust;
        completion.vault = security.vault;
        completion.atRest = atRest;

        dispatcher.network = repository;
        dispatcher.contexts = contexts;
        dispatcher.steps = steps;
        dispatcher.completion = completion;
        dispatcher.trust = security.trust;
        dispatcher.clock = security.clock;

        network.network = repository;
        network.contexts = contexts;
        network.steps = steps;
        network.completion = completion;
        network.securityServers = security.securityServers;
        network.trust = security.trust;
        network.vault = security.vault;
        network.atRest = atRest;
        network.random = security.random;
        network.clock = security.clock;
    }

    /** Lets the dispatcher hand payment, exchange and settlement frames to their steps (as the container injects them). */
    public void routePaymentsTo(org.ems.money.application.PaymentSteps payments, org.ems.money.application.FxSteps exchanges,
                                org.ems.money.application.SettleFxSteps settlements) {
        dispatcher.payments = payments;
        dispatcher.exchanges = exchanges;
        dispatcher.settlements = settlements;
    }

    /** Delivers queued messages, one transaction each, until none is left; returns how many. */
    public int pump() {
        int delivered = 0;
        while (deliverNext()) {
            delivered++;
            if (delivered > 1000) {
                throw new AssertionError("the protocol does not come to rest");
            }
        }
        return delivered;
    }

    /** Delivers the next queued message in its own transaction; false if none was queued. */
    public boolean deliverNext() {
        NetworkMessage next = transport.queue.poll();
        if (next == null) {
            return false;
        }
        security.txRun(() -> dispatcher.deliver(next));
        return true;
    }

    /** Fires every recorded timer due at the clock's now, each in its own transaction. */
    public void fireDueTimers() {
        Instant now = security.clock.instant();
        List<RecordingTimeouts.Timer> due = timeouts.timers.stream().filter(t -> !t.deadline().isAfter(now)).toList();
        timeouts.timers.removeAll(due);
        for (RecordingTimeouts.Timer timer : due) {
            security.txRun(() -> dispatcher.timeout(timer.key()));
        }
    }

    @Override
    public void close() {
        security.close();
    }

    private static Class<?>[] entities(Class<?>... more) {
        Class<?>[] network = {HostedModule.class, ProtocolConversation.class, NetworkServerKey.class, ReceivedNotice.class};
        Class<?>[] all = java.util.Arrays.copyOf(network, network.length + more.length);
        System.arraycopy(more, 0, all, network.length, more.length);
        return all;
    }

    /** Queues a message when, and only if, the sending transaction commits. */
    public final class CommitQueueTransport implements NetworkTransport {
        public final Deque<NetworkMessage> queue = new ArrayDeque<>();
        public final List<NetworkMessage> sent = new ArrayList<>();

        @Override
        public void send(NetworkMessage message) {
            security.harness.synchronizationRegistry().registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        queue.add(message);
                        sent.add(message);
                    }
                }
            });
        }
    }

    /** Records timers; the test fires them. */
    public static final class RecordingTimeouts implements ConversationTimeouts {
        public record Timer(String key, Instant deadline) {
        }

        public final List<Timer> timers = new ArrayList<>();

        @Override
        public void schedule(String conversationKey, Instant deadline) {
            timers.add(new Timer(conversationKey, deadline));
        }
    }
}
