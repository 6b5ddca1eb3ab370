package org.ems.network.domain.session;

import java.util.Set;
import org.ems.crypto.MalformedEncodingException;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionState.Phase;
import org.ems.network.domain.session.SessionState.Role;

/**
 * What both sides of establish session do with every input before their own step: refuse what
 * is not for them, ignore a redelivery, hand an established session's frames to the channel,
 * refuse input after the end, treat undecodable input as not authentic, and remember what they
 * accepted (so its redelivery changes nothing).
 */
final class SessionSteps {

    /** One side's own step for an input that passed the guards. */
    @FunctionalInterface
    interface Step {
        Transition<SessionState> apply(SessionContext context, SessionState state, NetworkMessage message);
    }

    private SessionSteps() {
    }

    static Transition<SessionState> guarded(Role side, SessionContext context, SessionState state, NetworkMessage message, Step step) {
        if (state.role() != side || !message.conversation().equals(state.conversation())) {
            return Transition.rejected(state, "not a message of this session's " + side.name().toLowerCase() + " side");
        }
        if (state.processed().contains(message)) {
            return Transition.duplicate(state);
        }
        if (state.isEstablished()) {
            // no protocol runs in the session here: only the peer's close or abort is expected
            return SessionTraffic.receive(context, state, message, Set.of()).transition();
        }
        if (state.phase() == Phase.ENDED) {
            return Transition.rejected(state, "session ended");
        }
        Transition<SessionState> transition;
        try {
            transition = step.apply(context, state, message);
        } catch (MalformedEncodingException e) {
            return Transition.rejected(state, "not authentic or malformed: " + e.getMessage());
        }
        return transition.isAccepted()
                ? new Transition<>(transition.state().remembering(message), transition.outgoing(), transition.outcome(),
                        transition.disposition(), transition.note())
                : transition;
    }
}
