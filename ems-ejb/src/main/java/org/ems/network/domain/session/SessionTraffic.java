package org.ems.network.domain.session;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionState.Phase;

/**
 * Messages inside an established session, for the protocols that run in it: {@link #send},
 * {@link #receive} and {@link #close}, all through the session's {@link SecureChannel}. A
 * replayed, reordered, truncated, tampered or unexpected frame ends the session
 * ({@link Outcome#SESSION_ENDED_TAMPERED}) and the peer is told with an abort, so that neither
 * side keeps a session the other has dropped.
 *
 * <p>An abort proves who sent it without the session key: it carries HMAC-SHA256 keyed with the
 * recipient's own verification message, which only the genuine peer learned (sealed to it).
 * It reveals nothing of that message, so it cannot help anyone impersonate the peer.
 */
public final class SessionTraffic {

    private SessionTraffic() {
    }

    /** A received frame: the transition, and the protocol message if one was opened. */
    public record Received(Transition<SessionState> transition, Optional<Purpose> purpose, byte[] payload) {
    }

    public static Transition<SessionState> send(SessionContext context, SessionState state, Purpose purpose, byte[] payload) {
        if (!state.isEstablished()) {
            throw new IllegalStateException("no established session to send in: " + state.phase());
        }
        if (purpose == Purpose.SESSION_CLOSE) {
            throw new IllegalArgumentException("close a session with close()");
        }
        SecureChannel.Sealed sealed = state.channel().orElseThrow().seal(purpose, payload);
        return Transition.accepted(state.withChannel(sealed.channel()), toPeer(context, state, MessageKind.CHANNEL, sealed.frame()));
    }

    /** Opens the next message if it is one of {@code expected}; a close or an abort from the peer ends the session. */
    public static Received receive(SessionContext context, SessionState state, NetworkMessage message, Set<Purpose> expected) {
        try {
            return receiveChecked(context, state, message, expected);
        } catch (MalformedEncodingException e) {
            return nothing(Transition.rejected(state, "not authentic or malformed: " + e.getMessage()));
        }
    }

    private static Received receiveChecked(SessionContext context, SessionState state, NetworkMessage message, Set<Purpose> expected) {
        if (!message.conversation().equals(state.conversation()) || !state.isEstablished()) {
            return nothing(Transition.rejected(state, "not a message of this established session"));
        }
        if (state.processed().contains(message)) {
            return nothing(Transition.duplicate(state));
        }
        if (message.kind() == MessageKind.SESSION_ABORT) {
            return nothing(onAbort(state, message));
        }
        if (message.kind() != MessageKind.CHANNEL || !message.sender().equals(state.peerAddress())) {
            return nothing(Transition.rejected(state, message.kind() + " from " + message.sender() + " is not session traffic"));
        }
        Set<Purpose> accepted = new HashSet<>(expected);
        accepted.add(Purpose.SESSION_CLOSE);
        SecureChannel.Receipt receipt = state.channel().orElseThrow().open(message.body(), accepted);
        if (receipt instanceof SecureChannel.Rejected rejected) {
            SessionState broken = state.withChannel(rejected.channel());
            return nothing(Transition.settled(broken.ended(Outcome.SESSION_ENDED_TAMPERED).remembering(message),
                    Outcome.SESSION_ENDED_TAMPERED, abort(context, state)));
        }
        SecureChannel.Opened opened = (SecureChannel.Opened) receipt;
        SessionState next = state.withChannel(opened.channel()).remembering(message);
        if (opened.purpose() == Purpose.SESSION_CLOSE) {
            Payloads.readOnly(Purpose.SESSION_CLOSE, state.conversation(), opened.payload());
            return nothing(Transition.settled(next.ended(Outcome.SESSION_ENDED), Outcome.SESSION_ENDED));
        }
        return new Received(Transition.accepted(next), Optional.of(opened.purpose()), opened.payload());
    }

    /** Ends the session normally; the peer ends its side when the close arrives. */
    public static Transition<SessionState> close(SessionContext context, SessionState state) {
        if (!state.isEstablished()) {
            return Transition.rejected(state, "no established session to close");
        }
        SecureChannel.Sealed sealed = state.channel().orElseThrow()
                .seal(Purpose.SESSION_CLOSE, Payloads.only(Purpose.SESSION_CLOSE, state.conversation()));
        return Transition.settled(state.withChannel(sealed.channel()).ended(Outcome.SESSION_ENDED), Outcome.SESSION_ENDED,
                toPeer(context, state, MessageKind.CHANNEL, sealed.frame()));
    }

    /** A valid abort (proof of our own verification message) ends the session, in whatever phase it is. */
    static Transition<SessionState> onAbort(SessionState state, NetworkMessage message) {
        if (state.ownVerification().isEmpty() || state.phase() == Phase.ENDED) {
            return Transition.rejected(state, "no abort can be checked in " + state.phase());
        }
        CanonicalReader reader = Payloads.read(Purpose.SESSION_ABORT, state.conversation(), message.body());
        byte[] proof = reader.getBytes(64);
        reader.end();
        if (!MessageDigest.isEqual(proof, proof(state.ownVerification().get(), state))) {
            return Transition.rejected(state, "abort without proof of our verification message");
        }
        return Transition.settled(state.ended(Outcome.SESSION_ABORTED_BY_PEER).remembering(message), Outcome.SESSION_ABORTED_BY_PEER);
    }

    /** Tells the peer the session is abandoned, proving knowledge of its verification message. */
    static NetworkMessage abort(SessionContext context, SessionState state) {
        byte[] body = Payloads.writer(Purpose.SESSION_ABORT, state.conversation())
                .putBytes(proof(state.peerVerification().orElseThrow(), state))
                .toBytes();
        return toPeer(context, state, MessageKind.SESSION_ABORT, body);
    }

    /** A message to the peer: through the network server (E_K) when the initiator is linked to it, else direct. */
    static NetworkMessage toPeer(SessionContext context, SessionState state, MessageKind kind, byte[] body) {
        NetworkMessage message = new NetworkMessage(kind, state.conversation(), context.address(), state.peerAddress(), body);
        return state.route().map(link -> link.relay(context.address(), message, context.random())).orElse(message);
    }

    private static byte[] proof(SecretValue verification, SessionState state) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(verification.bytes(), "HmacSHA256"));
            return mac.doFinal(Payloads.only(Purpose.SESSION_ABORT, state.conversation()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static Received nothing(Transition<SessionState> transition) {
        return new Received(transition, Optional.empty(), new byte[0]);
    }
}
