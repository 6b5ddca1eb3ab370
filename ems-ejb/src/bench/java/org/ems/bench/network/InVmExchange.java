package org.ems.bench.network;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionResponder;
import org.ems.network.domain.session.SessionState;
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
 * Runs a whole protocol in one thread, in VM: every message goes through its wire encoding, each
 * party's state stays an object between steps (what the application adds, storing and sending in
 * a transaction, is measured elsewhere: the Derby and XA floors of DESIGN.md section 10).
 */
final class InVmExchange {

    private InVmExchange() {
    }

    static ModuleSignOnState signOn(ModuleContext module, NetworkServerContext ns, SecurityServerContext ss, ConversationId conversation,
            Optional<Address> destination) {
        Transition<ModuleSignOnState> start = ModuleSignOn.start(module, conversation, destination, Duration.ZERO);
        ModuleSignOnState moduleState = start.state();
        NetworkServerState nsState = NetworkServerState.fresh(conversation);
        SecurityServerState ssState = SecurityServerState.fresh(conversation);
        Deque<NetworkMessage> queue = new ArrayDeque<>(start.outgoing());
        while (!queue.isEmpty()) {
            NetworkMessage message = NetworkMessage.decode(queue.poll().encode());
            if (message.recipient().equals(module.address())) {
                moduleState = step(ModuleSignOn.onMessage(module, moduleState, message), queue);
            } else if (message.recipient().equals(ns.id())) {
                nsState = step(NetworkServerSignOn.onMessage(ns, nsState, message), queue);
            } else {
                ssState = step(SecurityServerSignOn.onMessage(ss, ssState, message), queue);
            }
        }
        return moduleState;
    }

    static SessionState establish(SessionContext a, SessionContext b, ConversationId conversation) {
        Transition<SessionState> start = SessionInitiator.start(a, conversation, b.address());
        SessionState stateA = start.state();
        SessionState stateB = SessionState.fresh(conversation);
        Deque<NetworkMessage> queue = new ArrayDeque<>(start.outgoing());
        while (!queue.isEmpty()) {
            NetworkMessage message = NetworkMessage.decode(queue.poll().encode());
            if (message.recipient().equals(a.address())) {
                stateA = step(SessionInitiator.onMessage(a, stateA, message), queue);
            } else {
                stateB = step(SessionResponder.onMessage(b, stateB, message), queue);
            }
        }
        if (!stateB.isEstablished()) {
            throw new IllegalStateException("responder not established: " + stateB);
        }
        return stateA;
    }

    private static <S> S step(Transition<S> transition, Deque<NetworkMessage> queue) {
        List<NetworkMessage> outgoing = transition.outgoing();
        queue.addAll(outgoing);
        return transition.state();
    }
}
