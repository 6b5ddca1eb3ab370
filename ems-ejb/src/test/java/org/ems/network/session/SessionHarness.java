package org.ems.network.session;

import java.util.List;
import java.util.Optional;
import org.ems.network.TestNetwork;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.simulation.PartyRuntime;
import org.ems.network.simulation.Protocols;
import org.ems.network.simulation.SimNetwork;

/** One establish-session run between an initiator and a responder, optionally through the initiator's network server. */
public final class SessionHarness {

    public final SimNetwork network = new SimNetwork();
    public final PartyRuntime<SessionContext, SessionState> initiator;
    public final PartyRuntime<SessionContext, SessionState> responder;
    public final PartyRuntime<NetworkServerContext, NetworkServerState> networkServer;
    public final ConversationId conversation;

    /** {@code linked} is the network server's stored link of the initiator, if the initiator is signed on. */
    public SessionHarness(TestNetwork net, SessionContext a, SessionContext b, Optional<NetworkServerState> linked,
            PartyRuntime.Protocol<SessionContext, SessionState> initiatorProtocol,
            PartyRuntime.Protocol<SessionContext, SessionState> responderProtocol) {
        this.initiator = network.add(new PartyRuntime<>(a.address(), a, initiatorProtocol));
        this.responder = network.add(new PartyRuntime<>(b.address(), b, responderProtocol));
        this.networkServer = network.add(new PartyRuntime<>(net.networkServer, net.networkServerContext(), Protocols.NETWORK_SERVER));
        linked.ifPresent(state -> networkServer.put(state.conversation(), state));
        this.conversation = ConversationId.random(net.random);
    }

    public SessionHarness(TestNetwork net, SessionContext a, SessionContext b) {
        this(net, a, b, Optional.empty(), Protocols.INITIATOR_ONLY, Protocols.RESPONDER_ONLY);
    }

    public SessionHarness start() {
        ModuleAddress peer = responder.context().address();
        network.send(initiator.started(conversation, SessionInitiator.start(initiator.context(), conversation, peer)));
        return this;
    }

    public SessionHarness finish() {
        network.runToQuiescence();
        network.fireAllTimeouts();
        network.runToQuiescence();
        return this;
    }

    public SessionState a() {
        return initiator.state(conversation);
    }

    public SessionState b() {
        return responder.state(conversation);
    }

    public Optional<Outcome> aOutcome() {
        return a().outcome();
    }

    public Optional<Outcome> bOutcome() {
        return b().outcome();
    }

    public NetworkMessage intercept(java.util.function.Predicate<NetworkMessage> which) {
        if (!network.runUntil(which)) {
            throw new AssertionError("no such message came: " + network.trace());
        }
        return network.inFlight().remove(0);
    }

    public void inject(NetworkMessage forged) {
        network.send(List.of(forged));
    }
}
