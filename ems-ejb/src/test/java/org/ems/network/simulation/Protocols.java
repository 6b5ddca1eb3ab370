package org.ems.network.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionResponder;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.session.SessionTraffic;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.NetworkServerSignOn;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerSignOn;
import org.ems.network.domain.signon.SecurityServerState;

/**
 * How the simulation runs each party type, as the application would wire it. Sessions carry a
 * small test protocol once established: the initiator sends {@link #PINGS} keep-alive pings,
 * the responder echoes each, and the initiator then closes the session.
 */
public final class Protocols {

    public static final int PINGS = 2;

    public static final PartyRuntime.Protocol<ModuleContext, ModuleSignOnState> MODULE = new PartyRuntime.Protocol<>(
            ModuleSignOn::onMessage, ModuleSignOn::onTimeout, ModuleSignOnState::encode, ModuleSignOnState::decode,
            ModuleSignOnState::isSettled, Optional.empty());

    public static final PartyRuntime.Protocol<NetworkServerContext, NetworkServerState> NETWORK_SERVER = new PartyRuntime.Protocol<>(
            NetworkServerSignOn::onMessage, NetworkServerSignOn::onTimeout, NetworkServerState::encode, NetworkServerState::decode,
            NetworkServerState::isSettled, Optional.of(NetworkServerState::fresh));

    public static final PartyRuntime.Protocol<SecurityServerContext, SecurityServerState> SECURITY_SERVER = new PartyRuntime.Protocol<>(
            SecurityServerSignOn::onMessage, SecurityServerSignOn::onTimeout, SecurityServerState::encode, SecurityServerState::decode,
            SecurityServerState::isSettled, Optional.of(SecurityServerState::fresh));

    /** The initiator: establishment, then pings and the close. */
    public static final PartyRuntime.Protocol<SessionContext, SessionState> INITIATOR = new PartyRuntime.Protocol<>(
            Protocols::initiatorStep, SessionInitiator::onTimeout, SessionState::encode, SessionState::decode, SessionState::isSettled,
            Optional.empty());

    /** The responder: establishment, then echoes. */
    public static final PartyRuntime.Protocol<SessionContext, SessionState> RESPONDER = new PartyRuntime.Protocol<>(
            Protocols::responderStep, SessionResponder::onTimeout, SessionState::encode, SessionState::decode, SessionState::isSettled,
            Optional.of(SessionState::fresh));

    /** Establishment only, no traffic: for unit tests that look at the established states. */
    public static final PartyRuntime.Protocol<SessionContext, SessionState> INITIATOR_ONLY = new PartyRuntime.Protocol<>(
            SessionInitiator::onMessage, SessionInitiator::onTimeout, SessionState::encode, SessionState::decode, SessionState::isSettled,
            Optional.empty());

    public static final PartyRuntime.Protocol<SessionContext, SessionState> RESPONDER_ONLY = new PartyRuntime.Protocol<>(
            SessionResponder::onMessage, SessionResponder::onTimeout, SessionState::encode, SessionState::decode, SessionState::isSettled,
            Optional.of(SessionState::fresh));

    private Protocols() {
    }

    private static Transition<SessionState> initiatorStep(SessionContext context, SessionState state, NetworkMessage message) {
        if (!state.isEstablished()) {
            Transition<SessionState> step = SessionInitiator.onMessage(context, state, message);
            return step.state().isEstablished() && step.isAccepted() ? then(step, ping(context, step.state(), 1)) : step;
        }
        SessionTraffic.Received received = SessionTraffic.receive(context, state, message, Set.of(Purpose.SESSION_KEEPALIVE));
        if (received.purpose().isEmpty()) {
            return received.transition();
        }
        int echoed = number(received.payload());
        Transition<SessionState> next = echoed < PINGS
                ? ping(context, received.transition().state(), echoed + 1)
                : SessionTraffic.close(context, received.transition().state());
        return then(received.transition(), next);
    }

    private static Transition<SessionState> responderStep(SessionContext context, SessionState state, NetworkMessage message) {
        if (!state.isEstablished()) {
            return SessionResponder.onMessage(context, state, message);
        }
        SessionTraffic.Received received = SessionTraffic.receive(context, state, message, Set.of(Purpose.SESSION_KEEPALIVE));
        if (received.purpose().isEmpty()) {
            return received.transition();
        }
        return then(received.transition(), SessionTraffic.send(context, received.transition().state(), Purpose.SESSION_KEEPALIVE,
                received.payload()));
    }

    private static Transition<SessionState> ping(SessionContext context, SessionState state, int number) {
        return SessionTraffic.send(context, state, Purpose.SESSION_KEEPALIVE,
                new CanonicalWriter(Purpose.SESSION_KEEPALIVE).putInt(number).toBytes());
    }

    private static int number(byte[] payload) {
        CanonicalReader reader = new CanonicalReader(payload, Purpose.SESSION_KEEPALIVE);
        int number = reader.getInt();
        reader.end();
        return number;
    }

    /** Two steps as one transaction: the second's state, both steps' messages, the latest outcome. */
    private static Transition<SessionState> then(Transition<SessionState> first, Transition<SessionState> second) {
        List<NetworkMessage> outgoing = new ArrayList<>(first.outgoing());
        outgoing.addAll(second.outgoing());
        return new Transition<>(second.state(), outgoing, second.outcome().or(first::outcome), first.disposition(), first.note());
    }
}
