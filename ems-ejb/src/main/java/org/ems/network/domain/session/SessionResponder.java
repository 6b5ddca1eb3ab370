package org.ems.network.domain.session;

import java.time.Instant;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.Codec;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
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
 * Establish session, responder "B" (figure 7): check A's certificate (whether it came through
 * the network server or directly) and bad-ID, send E_A(R(B), B's verification message, time)
 * with B's certificate, then check A's response: our verification message back, the time in
 * range, and only then note the session and acknowledge with A's verification message. The
 * application passes {@link SessionState#fresh} for a conversation it has not stored yet. Once
 * established, traffic goes through {@link SessionTraffic}; {@link #onMessage} then accepts only
 * the peer's close or abort.
 */
public final class SessionResponder {

    private SessionResponder() {
    }

    public static Transition<SessionState> onMessage(SessionContext context, SessionState state, NetworkMessage message) {
        return SessionSteps.guarded(Role.RESPONDER, context, state, message, SessionResponder::dispatch);
    }

    /** A was silent after our challenge: nothing was established here, just end. */
    public static Transition<SessionState> onTimeout(SessionContext context, SessionState state) {
        if (state.role() != Role.RESPONDER || state.phase() != Phase.AWAITING_RESPONSE) {
            return Transition.rejected(state, "nothing pending");
        }
        return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT);
    }

    private static Transition<SessionState> dispatch(SessionContext context, SessionState state, NetworkMessage message) {
        if (message.kind() == MessageKind.SESSION_REQUEST && state.phase() == Phase.FRESH) {
            return request(context, state, message);
        }
        if (!state.peer().map(message.sender()::equals).orElse(false)) {
            return Transition.rejected(state, "not from the session's peer");
        }
        if (message.kind() == MessageKind.SESSION_RESPONSE && state.phase() == Phase.AWAITING_RESPONSE) {
            return response(context, state, message);
        }
        if (message.kind() == MessageKind.SESSION_ABORT) {
            return SessionTraffic.onAbort(state, message);
        }
        return Transition.rejected(state, message.kind() + " not expected in " + state.phase());
    }

    /** Steps 1480-1506. */
    private static Transition<SessionState> request(SessionContext context, SessionState state, NetworkMessage message) {
        CanonicalReader reader = Payloads.read(Purpose.SESSION_REQUEST, state.conversation(), message.body());
        Certificate peerCertificate = Codec.getCertificate(reader);
        reader.end();
        ModuleAddress initiator = new ModuleAddress(peerCertificate.subjectId());
        if (!message.sender().equals(initiator)) {
            return Transition.rejected(state, "the certificate is not the sender's");
        }
        SessionState known = state.knowing(initiator, peerCertificate);
        Optional<RejectionReason> problem = CertificateCheck.problemWith(
                context.trust().validatorAt(context.now(), context.limits().sessionCertificateSkew(), true), peerCertificate,
                ExpiryCheck.ENFORCE);
        if (problem.isPresent()) {
            Outcome outcome = CertificateCheck.sessionTermination(problem.get());
            return Transition.settled(known.ended(outcome), outcome);
        }
        SecretValue rB = SecretValue.random(context.random());
        SecretValue verification = SecretValue.random(context.random());
        CanonicalWriter payload = Payloads.writer(Purpose.SESSION_CHALLENGE, state.conversation());
        rB.write(payload);
        verification.write(payload);
        payload.putInstant(context.now());
        byte[] sealed = PublicKeyEncryption.seal(peerCertificate.publicKey(), Purpose.SESSION_CHALLENGE, payload.toBytes(), context.random());
        NetworkMessage challenge = new NetworkMessage(MessageKind.SESSION_CHALLENGE, state.conversation(), context.address(), initiator,
                new SealedWithCertificate(sealed, context.certificate()).encode());
        return Transition.accepted(known.challenged(rB, verification), challenge);
    }

    /** Steps 1540-1556. */
    private static Transition<SessionState> response(SessionContext context, SessionState state, NetworkMessage message) {
        CanonicalReader reader = Payloads.read(Purpose.SESSION_RESPONSE, state.conversation(),
                PublicKeyEncryption.open(context.privateKey(), Purpose.SESSION_RESPONSE, message.body()));
        SecretValue peerVerification = SecretValue.read(reader);
        SecretValue returned = SecretValue.read(reader);
        Instant peerTime = reader.getInstant();
        SecretValue rA = SecretValue.read(reader);
        reader.end();
        if (!returned.equals(state.ownVerification().orElseThrow())) {
            return Transition.settled(state.ended(Outcome.SESSION_TERMINATED_VERIFICATION_FAILED),
                    Outcome.SESSION_TERMINATED_VERIFICATION_FAILED);
        }
        SecureChannel channel = SecureChannel.open(rA.xor(state.r().orElseThrow()), SecureChannel.Side.RESPONDER);
        if (SessionInitiator.outOfRange(context.now(), peerTime, context.limits().sessionTimeRange())) {
            return Transition.settled(state.ended(Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE),
                    Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE);
        }
        CanonicalWriter ack = Payloads.writer(Purpose.SESSION_ACK, state.conversation());
        peerVerification.write(ack);
        SecureChannel.Sealed sealed = channel.seal(Purpose.SESSION_ACK, ack.toBytes());
        SessionState established = state.withPeerVerification(peerVerification).established(sealed.channel());
        return Transition.settled(established, Outcome.SESSION_ESTABLISHED,
                SessionTraffic.toPeer(context, established, MessageKind.CHANNEL, sealed.frame()));
    }
}
