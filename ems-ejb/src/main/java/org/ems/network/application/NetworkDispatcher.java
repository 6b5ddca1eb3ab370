package org.ems.network.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.ems.crypto.Purpose;
import org.ems.money.application.FxSteps;
import org.ems.money.application.PaymentSteps;
import org.ems.money.application.SettleFxSteps;
import org.ems.network.application.ConversationSteps.Step;
import org.ems.network.domain.Address;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.network.domain.ReceivedNotice;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionResponder;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.session.SessionTraffic;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerSignOn;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerSignOn;
import org.ems.network.domain.signon.SecurityServerState;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.ModuleRole;

/**
 * Runs the step of whichever party a network message is for, in one JTA transaction (the MDB's
 * or the in-VM delivery's): finds the party's conversation (or starts one for a protocol's
 * first message), runs the domain step, records it. Timeouts come here too.
 */
@Stateless
public class NetworkDispatcher {

    private static final Logger LOG = Logger.getLogger(NetworkDispatcher.class.getName());

    @Inject NetworkRepository network;
    @Inject NetworkContexts contexts;
    @Inject ConversationSteps steps;
    @Inject ModuleSignOnCompletion completion;
    @Inject TrustAnchors trust;
    @Inject Clock clock;
    @Inject PaymentSteps payments;
    @Inject FxSteps exchanges;
    @Inject SettleFxSteps settlements;

    /**
     * What a session accepts inside it: notices, and the payment, exchange and settlement protocols'
     * messages (handed to {@link SettleFxSteps} if they belong to a settlement, else to {@link FxSteps}
     * if they belong to an exchange, else to {@link PaymentSteps}).
     */
    private static final Set<Purpose> SESSION_PURPOSES = sessionPurposes();

    public void deliver(NetworkMessage message) {
        Address party = message.recipient();
        Optional<ProtocolConversation> existing = network.findConversation(ProtocolConversation.keyOf(message.conversation(), party));
        Optional<Protocol> protocol = existing.map(ProtocolConversation::protocol).or(() -> firstMessageProtocol(message));
        if (protocol.isEmpty()) {
            LOG.fine(() -> "no conversation for " + message + ": ignored");
            return;
        }
        switch (protocol.get()) {
            case NETWORK_SERVER_SIGN_ON -> networkServer(message, existing);
            case SECURITY_SERVER_SIGN_ON -> securityServer(message, existing);
            case MODULE_SIGN_ON -> module(message, existing.orElseThrow());
            case SESSION -> session(message, existing);
            case PAYER, PAYEE, FX, SETTLE_FX ->
                    LOG.fine(() -> message + " names a payment, exchange or settlement, which travels inside a session: ignored");
        }
    }

    /** A timer fired: if the party still waits for that deadline, its peer was silent. */
    public void timeout(String conversationKey) {
        Optional<ProtocolConversation> found = network.findConversation(conversationKey);
        if (found.isEmpty() || !found.get().isDue(clock.instant())) {
            return; // settled, or a later step moved the deadline: a stale timer
        }
        ProtocolConversation c = found.get();
        byte[] state = steps.state(c);
        switch (c.protocol()) {
            case NETWORK_SERVER_SIGN_ON -> {
                NetworkServerState s = NetworkServerState.decode(state);
                NetworkServerId ns = networkServerOf(c);
                steps.record(nsStep(c.conversation(), ns, Optional.of(c), NetworkServerSignOn.onTimeout(contexts.networkServer(ns), s)));
            }
            case SECURITY_SERVER_SIGN_ON -> {
                ModuleAddress ss = moduleOf(c);
                steps.record(ssStep(ss, Optional.of(c), SecurityServerSignOn.onTimeout(contexts.securityServer(ss.id()),
                        SecurityServerState.decode(state))));
            }
            case MODULE_SIGN_ON -> {
                var module = completion.module(moduleOf(c));
                var t = ModuleSignOn.onTimeout(contexts.module(module), ModuleSignOnState.decode(state));
                if (steps.record(moduleStep(module.id(), Optional.of(c), t))) {
                    completion.afterStep(module, t.state());
                }
            }
            case SESSION -> {
                SessionState s = SessionState.decode(state);
                ModuleAddress self = moduleOf(c);
                SessionContext ctx = contexts.session(self);
                var t = s.role() == SessionState.Role.INITIATOR ? SessionInitiator.onTimeout(ctx, s) : SessionResponder.onTimeout(ctx, s);
                steps.record(sessionStep(self, Optional.of(c), t));
            }
            case PAYER, PAYEE -> payments.timeout(c);
            case FX -> exchanges.timeout(c);
            case SETTLE_FX -> settlements.timeout(c);
        }
    }

    private void networkServer(NetworkMessage message, Optional<ProtocolConversation> existing) {
        NetworkServerId ns = (NetworkServerId) message.recipient();
        NetworkServerState state = existing.map(c -> NetworkServerState.decode(steps.state(c)))
                .orElseGet(() -> NetworkServerState.fresh(message.conversation()));
        steps.record(nsStep(message.conversation(), ns, existing,
                NetworkServerSignOn.onMessage(contexts.networkServer(ns), state, message)));
    }

    private void securityServer(NetworkMessage message, Optional<ProtocolConversation> existing) {
        ModuleAddress ss = (ModuleAddress) message.recipient();
        SecurityServerState state = existing.map(c -> SecurityServerState.decode(steps.state(c)))
                .orElseGet(() -> SecurityServerState.fresh(message.conversation()));
        steps.record(ssStep(ss, existing, SecurityServerSignOn.onMessage(contexts.securityServer(ss.id()), state, message)));
    }

    private void module(NetworkMessage message, ProtocolConversation conversation) {
        var module = completion.module((ModuleAddress) message.recipient());
        var t = ModuleSignOn.onMessage(contexts.module(module), ModuleSignOnState.decode(steps.state(conversation)), message);
        if (steps.record(moduleStep(module.id(), Optional.of(conversation), t))) {
            completion.afterStep(module, t.state());
        }
    }

    private void session(NetworkMessage message, Optional<ProtocolConversation> existing) {
        ModuleAddress self = (ModuleAddress) message.recipient();
        SessionState state = existing.map(c -> SessionState.decode(steps.state(c)))
                .orElseGet(() -> SessionState.fresh(message.conversation()));
        SessionContext ctx = contexts.session(self);
        if (state.isEstablished()) {
            SessionTraffic.Received received = SessionTraffic.receive(ctx, state, message, SESSION_PURPOSES);
            if (steps.record(sessionStep(self, existing, received.transition())) && received.purpose().isPresent()) {
                if (received.purpose().get() == Purpose.SESSION_NOTICE) {
                    network.storeNotice(new ReceivedNotice(self, message.conversation(),
                            new String(received.payload(), StandardCharsets.UTF_8), clock.instant()));
                } else if (!settlements.onMessage(self, message.conversation(), state.peerAddress(), received.purpose().get(),
                        received.payload())
                        && !exchanges.onMessage(self, message.conversation(), state.peerAddress(), received.purpose().get(),
                        received.payload())) {
                    payments.onMessage(self, message.conversation(), state.peerAddress(), received.purpose().get(), received.payload());
                }
            }
            return;
        }
        Transition<SessionState> t = state.role() == SessionState.Role.INITIATOR
                ? SessionInitiator.onMessage(ctx, state, message)
                : SessionResponder.onMessage(ctx, state, message);
        steps.record(sessionStep(self, existing, t));
    }

    private static Set<Purpose> sessionPurposes() {
        Set<Purpose> purposes = new java.util.HashSet<>(PaymentSteps.PURPOSES);
        purposes.addAll(FxSteps.PURPOSES);
        purposes.addAll(SettleFxSteps.PURPOSES);
        purposes.add(Purpose.SESSION_NOTICE);
        return Set.copyOf(purposes);
    }

    /** Which protocol a message starts when its recipient has no conversation yet. */
    private Optional<Protocol> firstMessageProtocol(NetworkMessage message) {
        if (message.recipient() instanceof NetworkServerId) {
            return message.kind() == MessageKind.SIGN_ON_REQUEST ? Optional.of(Protocol.NETWORK_SERVER_SIGN_ON) : Optional.empty();
        }
        if (message.kind() == MessageKind.SIGN_ON_FORWARD && isSecurityServer((ModuleAddress) message.recipient())) {
            return Optional.of(Protocol.SECURITY_SERVER_SIGN_ON);
        }
        return message.kind() == MessageKind.SESSION_REQUEST ? Optional.of(Protocol.SESSION) : Optional.empty();
    }

    private boolean isSecurityServer(ModuleAddress address) {
        return trust.scheme().roleOf(address.id()) == ModuleRole.SECURITY_SERVER;
    }

    static Step<NetworkServerState> nsStep(org.ems.network.domain.ConversationId id, NetworkServerId ns,
                                           Optional<ProtocolConversation> existing, Transition<NetworkServerState> t) {
        return new Step<>(id, ns, Protocol.NETWORK_SERVER_SIGN_ON, existing, t, NetworkServerState::encode, NetworkServerState::isSettled);
    }

    static Step<SecurityServerState> ssStep(ModuleAddress ss, Optional<ProtocolConversation> existing, Transition<SecurityServerState> t) {
        return new Step<>(t.state().conversation(), ss, Protocol.SECURITY_SERVER_SIGN_ON, existing, t,
                SecurityServerState::encode, SecurityServerState::isSettled);
    }

    static Step<ModuleSignOnState> moduleStep(org.ems.security.domain.ModuleId module, Optional<ProtocolConversation> existing,
                                              Transition<ModuleSignOnState> t) {
        return new Step<>(t.state().conversation(), new ModuleAddress(module), Protocol.MODULE_SIGN_ON, existing, t,
                ModuleSignOnState::encode, ModuleSignOnState::isSettled);
    }

    static Step<SessionState> sessionStep(ModuleAddress self, Optional<ProtocolConversation> existing, Transition<SessionState> t) {
        return new Step<>(t.state().conversation(), self, Protocol.SESSION, existing, t, SessionState::encode, SessionState::isSettled);
    }

    private static ModuleAddress moduleOf(ProtocolConversation c) {
        return (ModuleAddress) c.party();
    }

    private static NetworkServerId networkServerOf(ProtocolConversation c) {
        return (NetworkServerId) c.party();
    }
}
