package org.ems.network.domain.signon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.Codec;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.Payloads.SealedWithCertificate;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.signon.SecurityServerState.Phase;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.RejectionReason;

/**
 * The security server's side of sign-on (figure 6, "SS"), up to the start of the MM/SS session:
 * open the NS's forward, validate the module's certificate ignoring its expiry (so an expired
 * module can recertify) and the key-length policy (a short key is a reason to recertify, not
 * to refuse), check the bad-ID list, challenge the module, check its verification message.
 * The session steps are {@link SecurityServerSession}. The application passes
 * {@link SecurityServerState#fresh} for a conversation it has not stored yet.
 *
 * <p>Every denial goes to the network server (which disconnects the module) with a notice
 * sealed to the module's key, as steps 1266-1270 describe.
 */
public final class SecurityServerSignOn {

    private SecurityServerSignOn() {
    }

    public static Transition<SecurityServerState> onMessage(SecurityServerContext context, SecurityServerState state,
            NetworkMessage message) {
        if (!message.conversation().equals(state.conversation())) {
            return Transition.rejected(state, "message of another conversation");
        }
        if (state.processed().contains(message)) {
            return Transition.duplicate(state);
        }
        if (state.phase() == Phase.ENDED) {
            return Transition.rejected(state, "sign-on already ended: " + state.outcome().orElseThrow());
        }
        Transition<SecurityServerState> transition;
        try {
            transition = dispatch(context, state, message);
        } catch (MalformedEncodingException e) {
            return Transition.rejected(state, "not authentic or malformed: " + e.getMessage());
        }
        if (!transition.isAccepted()) {
            return transition;
        }
        return new Transition<>(transition.state().remembering(message), transition.outgoing(), transition.outcome(),
                transition.disposition(), transition.note());
    }

    /** The module went silent: end without releasing K and V (the NS then never links it). */
    public static Transition<SecurityServerState> onTimeout(SecurityServerContext context, SecurityServerState state) {
        if (state.isSettled()) {
            return Transition.rejected(state, "nothing pending");
        }
        return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT);
    }

    private static Transition<SecurityServerState> dispatch(SecurityServerContext context, SecurityServerState state,
            NetworkMessage message) {
        return switch (message.kind()) {
            case SIGN_ON_FORWARD -> state.phase() == Phase.FRESH ? forward(context, state, message) : unexpected(state, message);
            case SIGN_ON_RESPONSE -> state.phase() == Phase.AWAITING_RESPONSE ? response(context, state, message)
                    : unexpected(state, message);
            case CHANNEL -> SecurityServerSession.onFrame(context, state, message);
            default -> unexpected(state, message);
        };
    }

    /** Steps 1256-1296: validate (expiry ignored), bad-ID check, then E_A(R, verification message) with Cert(SS). */
    private static Transition<SecurityServerState> forward(SecurityServerContext context, SecurityServerState state,
            NetworkMessage message) {
        if (!(message.sender() instanceof NetworkServerId server) || !context.networkServerKeys().containsKey(server)) {
            return Transition.rejected(state, "no NS/SS key for " + message.sender());
        }
        byte[] plain = SymmetricCipher.open(context.networkServerKeys().get(server).bytes(), Purpose.SIGN_ON_FORWARD, message.body());
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_FORWARD, state.conversation(), plain);
        long moduleId = reader.getLong();
        Certificate certificate = Codec.getCertificate(reader);
        SecretValue k = SecretValue.read(reader);
        SecretValue v = SecretValue.read(reader);
        reader.end();
        if (certificate.subjectId().value() != moduleId) {
            return Transition.rejected(state, "the forwarded certificate is not the module's");
        }
        SecurityServerState received = state.received(server, certificate, k, v);
        Optional<RejectionReason> problem = !certificate.subjectRole().isCertifiedBySecurityServer()
                ? Optional.of(RejectionReason.WRONG_ROLE)
                : CertificateCheck.problemWith(context.trust().validatorAt(now(context), Duration.ZERO, false), certificate,
                        ExpiryCheck.IGNORE);
        if (problem.isPresent()) {
            return deny(context, received, problem.get() == RejectionReason.BAD_LISTED
                    ? Outcome.SIGN_ON_DENIED_BAD_ID : Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE);
        }
        SecretValue r = SecretValue.random(context.random());
        SecretValue verification = SecretValue.random(context.random());
        CanonicalWriter payload = Payloads.writer(Purpose.SIGN_ON_CHALLENGE, state.conversation());
        r.write(payload);
        verification.write(payload);
        byte[] sealed = PublicKeyEncryption.seal(certificate.publicKey(), Purpose.SIGN_ON_CHALLENGE, payload.toBytes(), context.random());
        NetworkMessage challenge = new NetworkMessage(MessageKind.SIGN_ON_CHALLENGE, state.conversation(), context.address(),
                new ModuleAddress(certificate.subjectId()), new SealedWithCertificate(sealed, context.certificate()).encode());
        return Transition.accepted(received.challenged(r, verification), challenge);
    }

    /** Steps 1320-1332: the verification message must be ours; then R(A) XOR R and the session acknowledgement. */
    private static Transition<SecurityServerState> response(SecurityServerContext context, SecurityServerState state,
            NetworkMessage message) {
        if (!message.sender().equals(moduleAddress(state))) {
            return Transition.rejected(state, "the response comes from the module signing on");
        }
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_RESPONSE, state.conversation(),
                PublicKeyEncryption.open(context.privateKey(), Purpose.SIGN_ON_RESPONSE, message.body()));
        SecretValue verification = SecretValue.read(reader);
        SecretValue rA = SecretValue.read(reader);
        reader.end();
        if (!verification.equals(state.verification().orElseThrow())) {
            return deny(context, state, Outcome.SIGN_ON_DENIED_WRONG_SS_VERIFICATION);
        }
        SecureChannel channel = SecureChannel.open(rA.xor(state.r().orElseThrow()), SecureChannel.Side.RESPONDER);
        SecureChannel.Sealed ack = channel.seal(Purpose.SIGN_ON_SESSION_ACK, Payloads.only(Purpose.SIGN_ON_SESSION_ACK, state.conversation()));
        return Transition.accepted(state.inSession(ack.channel()), frameTo(context, state, ack.frame()));
    }

    /**
     * Denies network access: a verdict to the NS under the NS/SS key, carrying a notice sealed to
     * the module's key that the NS forwards before it disconnects. Also used for a certificate
     * malfunction (step 1420), which reaches the module the same way.
     */
    static Transition<SecurityServerState> deny(SecurityServerContext context, SecurityServerState state, Outcome outcome) {
        Certificate module = state.module().orElseThrow();
        byte[] notice = PublicKeyEncryption.seal(module.publicKey(), Purpose.SIGN_ON_DENIAL,
                Payloads.writer(Purpose.SIGN_ON_DENIAL, state.conversation()).putInt(outcome.code()).toBytes(), context.random());
        byte[] verdict = Payloads.writer(Purpose.SIGN_ON_VERDICT, state.conversation()).putInt(outcome.code()).putBytes(notice).toBytes();
        NetworkServerId server = state.networkServer().orElseThrow();
        SecretValue nsSsKey = context.networkServerKeys().get(server);
        if (nsSsKey == null) { // checked when the forward came; the configuration changed since
            throw new IllegalStateException("no NS/SS key for " + server + " any more");
        }
        byte[] sealed = SymmetricCipher.seal(nsSsKey.bytes(), Purpose.SIGN_ON_VERDICT, verdict, context.random());
        NetworkMessage toServer = new NetworkMessage(MessageKind.SIGN_ON_VERDICT, state.conversation(), context.address(), server, sealed);
        return Transition.settled(state.ended(outcome), outcome, toServer);
    }

    static NetworkMessage frameTo(SecurityServerContext context, SecurityServerState state, byte[] frame) {
        return new NetworkMessage(MessageKind.CHANNEL, state.conversation(), context.address(), moduleAddress(state), frame);
    }

    static ModuleAddress moduleAddress(SecurityServerState state) {
        return new ModuleAddress(state.module().orElseThrow().subjectId());
    }

    static Instant now(SecurityServerContext context) {
        return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Transition<SecurityServerState> unexpected(SecurityServerState state, NetworkMessage message) {
        return Transition.rejected(state, message.kind() + " not expected in " + state.phase());
    }
}
