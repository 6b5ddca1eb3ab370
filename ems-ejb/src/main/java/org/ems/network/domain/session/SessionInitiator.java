package org.ems.network.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.Payloads.SealedWithCertificate;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionState.Phase;
import org.ems.network.domain.session.SessionState.Role;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.RejectionReason;

/**
 * Establish session, initiator "A" (figure 7): send the certificate (through the network
 * server under K when signed on to this destination, directly otherwise), check B's certificate,
 * bad-ID and time, form R(A) XOR R(B), answer with both verification messages, and check that B
 * returns ours. Once established, the protocols inside the session send and receive through
 * {@link SessionTraffic}; {@link #onMessage} then accepts only the peer's close or abort.
 *
 * <p>After the response is sent, B may already hold the session: every way A fails from then on
 * (timeout, bad acknowledgement) sends B an abort, so no session stays usable by one side only.
 */
public final class SessionInitiator {

    private SessionInitiator() {
    }

    /** Steps 1464-1476. */
    public static Transition<SessionState> start(SessionContext context, ConversationId conversation, ModuleAddress peer) {
        Optional<NetworkLink> route = context.link().filter(link -> link.routesTo(peer));
        SessionState state = SessionState.initiated(conversation, peer, route);
        CanonicalWriter body = Payloads.writer(Purpose.SESSION_REQUEST, conversation);
        Codec.putCertificate(body, context.certificate());
        return Transition.accepted(state, SessionTraffic.toPeer(context, state, MessageKind.SESSION_REQUEST, body.toBytes()));
    }

    public static Transition<SessionState> onMessage(SessionContext context, SessionState state, NetworkMessage message) {
        return SessionSteps.guarded(Role.INITIATOR, context, state, message, SessionInitiator::dispatch);
    }

    /** B was silent; if B may hold the session already (we sent our response), abort it. */
    public static Transition<SessionState> onTimeout(SessionContext context, SessionState state) {
        if (state.role() != Role.INITIATOR || state.isSettled()) {
            return Transition.rejected(state, "nothing pending");
        }
        if (state.phase() == Phase.AWAITING_ACK) {
            return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT, SessionTraffic.abort(context, state));
        }
        return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT);
    }

    private static Transition<SessionState> dispatch(SessionContext context, SessionState state, NetworkMessage message) {
        if (!message.sender().equals(state.peerAddress())) {
            return Transition.rejected(state, "not from the peer " + state.peerAddress());
        }
        if (message.kind() == MessageKind.SESSION_CHALLENGE && state.phase() == Phase.AWAITING_CHALLENGE) {
            return challenge(context, state, message);
        }
        if (message.kind() == MessageKind.CHANNEL && state.phase() == Phase.AWAITING_ACK) {
            return acknowledgement(context, state, message);
        }
        if (message.kind() == MessageKind.SESSION_ABORT) {
            return SessionTraffic.onAbort(state, message);
        }
        return Transition.rejected(state, message.kind() + " not expected in " + state.phase());
    }

    /** Steps 1508-1538. */
    private static Transition<SessionState> challenge(SessionContext context, SessionState state, NetworkMessage message) {
        SealedWithCertificate body = SealedWithCertificate.decode(message.body());
        CanonicalReader reader = Payloads.read(Purpose.SESSION_CHALLENGE, state.conversation(),
                PublicKeyEncryption.open(context.privateKey(), Purpose.SESSION_CHALLENGE, body.sealed()));
        SecretValue rB = SecretValue.read(reader);
        SecretValue peerVerification = SecretValue.read(reader);
        Instant peerTime = reader.getInstant();
        reader.end();
        Certificate peerCertificate = body.certificate();
        Optional<RejectionReason> problem = peerCertificate.subjectId().equals(state.peerAddress().id())
                ? CertificateCheck.problemWith(context.trust().validatorAt(context.now(), context.limits().sessionCertificateSkew(), true),
                        peerCertificate, ExpiryCheck.ENFORCE)
                : Optional.of(RejectionReason.WRONG_ROLE);
        if (problem.isPresent()) {
            Outcome outcome = CertificateCheck.sessionTermination(problem.get());
            return Transition.settled(state.ended(outcome), outcome);
        }
        Instant now = context.now();
        if (outOfRange(now, peerTime, context.limits().sessionTimeRange())) {
            return Transition.settled(state.ended(Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE), Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE);
        }
        SecretValue rA = SecretValue.random(context.random());
        SecretValue ownVerification = SecretValue.random(context.random());
        SecureChannel channel = SecureChannel.open(rA.xor(rB), SecureChannel.Side.INITIATOR);
        CanonicalWriter payload = Payloads.writer(Purpose.SESSION_RESPONSE, state.conversation());
        ownVerification.write(payload);
        peerVerification.write(payload);
        payload.putInstant(now);
        rA.write(payload);
        byte[] sealed = PublicKeyEncryption.seal(peerCertificate.publicKey(), Purpose.SESSION_RESPONSE, payload.toBytes(), context.random());
        SessionState next = state.responded(peerCertificate, ownVerification, peerVerification, channel);
        return Transition.accepted(next, SessionTraffic.toPeer(context, next, MessageKind.SESSION_RESPONSE, sealed));
    }

    /** Steps 1558-1564: B's acknowledgement must carry our verification message. */
    private static Transition<SessionState> acknowledgement(SessionContext context, SessionState state, NetworkMessage message) {
        SecureChannel.Receipt receipt = state.channel().orElseThrow().open(message.body(), Set.of(Purpose.SESSION_ACK));
        if (receipt instanceof SecureChannel.Rejected rejected) {
            return Transition.settled(state.withChannel(rejected.channel()).ended(Outcome.SESSION_ENDED_TAMPERED),
                    Outcome.SESSION_ENDED_TAMPERED, SessionTraffic.abort(context, state));
        }
        SecureChannel.Opened opened = (SecureChannel.Opened) receipt;
        CanonicalReader reader = Payloads.read(Purpose.SESSION_ACK, state.conversation(), opened.payload());
        SecretValue returned = SecretValue.read(reader);
        reader.end();
        if (!returned.equals(state.ownVerification().orElseThrow())) {
            return Transition.settled(state.ended(Outcome.SESSION_TERMINATED_VERIFICATION_FAILED),
                    Outcome.SESSION_TERMINATED_VERIFICATION_FAILED, SessionTraffic.abort(context, state));
        }
        return Transition.settled(state.established(opened.channel()), Outcome.SESSION_ESTABLISHED);
    }

    static boolean outOfRange(Instant own, Instant peers, Duration range) {
        return Duration.between(own, peers).abs().compareTo(range) > 0;
    }
}
