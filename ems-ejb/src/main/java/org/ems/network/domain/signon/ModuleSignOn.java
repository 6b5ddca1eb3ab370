package org.ems.network.domain.signon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.network.domain.Address;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.Payloads.SealedWithCertificate;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.signon.ModuleSignOnState.Phase;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;

/**
 * The module's side of network sign-on (figure 6, "A"): pure steps from (context, state,
 * message) to a {@link Transition}. The application calls {@link #start}, then
 * {@link #onMessage} for each message of the conversation and {@link #onTimeout} when the
 * reply timer fires, storing the returned state each time.
 *
 * <p>Messages that cannot be authenticated (a notice or challenge that does not open with the
 * module's key, anything for another conversation) are rejected and change nothing: ECIES does
 * not prove its sender, so letting them end the sign-on would let anyone deny it. A bad frame
 * in the MM/SS channel does end it, as the channel is authenticated.
 */
public final class ModuleSignOn {

    /** The outcomes a security server or network server may announce in a notice. */
    static final Set<Outcome> NOTICE_OUTCOMES = Set.of(Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE, Outcome.SIGN_ON_DENIED_BAD_ID,
            Outcome.SIGN_ON_DENIED_WRONG_SS_VERIFICATION, Outcome.RECERTIFICATION_DENIED,
            Outcome.SIGN_ON_DENIED_FALSE_CERTIFICATE_REPORT, Outcome.CERTIFICATE_MALFUNCTION);

    private ModuleSignOn() {
    }

    /**
     * Steps 1244-1246: dial the network server and send the certificate. The conversation id is
     * the application's (its idempotency key for the request); {@code clockOffset} is the clock
     * correction the module kept from its last sign-on; {@code destination}, if any, is what the
     * network server links the module to.
     */
    public static Transition<ModuleSignOnState> start(ModuleContext context, ConversationId conversation,
            Optional<Address> destination, Duration clockOffset) {
        ModuleSignOnState state = ModuleSignOnState.started(conversation, context.networkServer(), destination, clockOffset);
        byte[] body = Payloads.writer(Purpose.SIGN_ON_REQUEST, conversation).putBytes(context.certificate().encoded()).toBytes();
        return Transition.accepted(state,
                new NetworkMessage(MessageKind.SIGN_ON_REQUEST, conversation, context.address(), context.networkServer(), body));
    }

    public static Transition<ModuleSignOnState> onMessage(ModuleContext context, ModuleSignOnState state, NetworkMessage message) {
        if (!message.conversation().equals(state.conversation())) {
            return Transition.rejected(state, "message of another conversation");
        }
        if (state.processed().contains(message)) {
            return Transition.duplicate(state);
        }
        if (state.isSettled()) {
            return Transition.rejected(state, "sign-on already settled: " + state.phase());
        }
        Transition<ModuleSignOnState> transition;
        try {
            transition = dispatch(context, state, message);
        } catch (MalformedEncodingException e) {
            return Transition.rejected(state, "not authentic or malformed: " + e.getMessage());
        }
        return transition.isAccepted() ? remember(transition, message) : transition;
    }

    /** The peer was silent: end the sign-on; if the NS may have linked us already, tell it to drop the link. */
    public static Transition<ModuleSignOnState> onTimeout(ModuleContext context, ModuleSignOnState state) {
        if (state.isSettled()) {
            return Transition.rejected(state, "nothing pending");
        }
        if (state.phase() == Phase.AWAITING_NETWORK_ACK) {
            return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT, signOffMessage(context, state));
        }
        return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT);
    }

    /** Leaves the network: the NS drops the link. */
    public static Transition<ModuleSignOnState> signOff(ModuleContext context, ModuleSignOnState state) {
        if (!state.isSignedOn()) {
            return Transition.rejected(state, "not signed on");
        }
        return Transition.settled(state.ended(Outcome.SIGNED_OFF), Outcome.SIGNED_OFF, signOffMessage(context, state));
    }

    private static Transition<ModuleSignOnState> dispatch(ModuleContext context, ModuleSignOnState state, NetworkMessage message) {
        return switch (message.kind()) {
            case SIGN_ON_DENIED -> notice(context, state, message);
            case SIGN_ON_CHALLENGE -> state.phase() == Phase.AWAITING_CHALLENGE
                    ? challenge(context, state, message)
                    : Transition.rejected(state, "no challenge expected in " + state.phase());
            case CHANNEL -> ModuleSignOnSession.onFrame(context, state, message);
            case SIGN_ON_ACCEPTED, SIGN_ON_REFUSED -> state.phase() == Phase.AWAITING_NETWORK_ACK
                    ? networkAnswer(state, message)
                    : Transition.rejected(state, "no network answer expected in " + state.phase());
            default -> Transition.rejected(state, message.kind() + " is not for a module's sign-on");
        };
    }

    /** Steps 1274-1278 and 1422: a notice sealed to this module, forwarded by the NS. */
    private static Transition<ModuleSignOnState> notice(ModuleContext context, ModuleSignOnState state, NetworkMessage message) {
        if (!message.sender().equals(state.networkServer())) {
            return Transition.rejected(state, "a sign-on notice comes from the network server");
        }
        byte[] plain = PublicKeyEncryption.open(context.privateKey(), Purpose.SIGN_ON_DENIAL, message.body());
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_DENIAL, state.conversation(), plain);
        Outcome outcome = Outcome.ofCode(reader.getInt());
        reader.end();
        if (!NOTICE_OUTCOMES.contains(outcome)) {
            return Transition.rejected(state, outcome + " is not a sign-on notice");
        }
        return Transition.settled(state.ended(outcome), outcome);
    }

    /** Steps 1298-1318: check the SS, form R(A) XOR R, answer with the verification message and R(A). */
    private static Transition<ModuleSignOnState> challenge(ModuleContext context, ModuleSignOnState state, NetworkMessage message) {
        SealedWithCertificate body = SealedWithCertificate.decode(message.body());
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_CHALLENGE, state.conversation(),
                PublicKeyEncryption.open(context.privateKey(), Purpose.SIGN_ON_CHALLENGE, body.sealed()));
        SecretValue r = SecretValue.read(reader);
        SecretValue verification = SecretValue.read(reader);
        reader.end();
        Certificate ssCertificate = body.certificate();
        Optional<RejectionReason> problem = ssCertificate.subjectRole() != ModuleRole.SECURITY_SERVER
                ? Optional.of(RejectionReason.WRONG_ROLE)
                : CertificateCheck.problemWith(context.trust().validatorAt(now(context, state), context.limits().clockTolerance(), true),
                        ssCertificate, ExpiryCheck.ENFORCE);
        if (problem.isPresent()) {
            Outcome outcome = CertificateCheck.sessionTermination(problem.get());
            return Transition.settled(state.ended(outcome), outcome);
        }
        SecretValue rA = SecretValue.random(context.random());
        SecureChannel channel = SecureChannel.open(rA.xor(r), SecureChannel.Side.INITIATOR);
        CanonicalWriter payload = Payloads.writer(Purpose.SIGN_ON_RESPONSE, state.conversation());
        verification.write(payload);
        rA.write(payload);
        byte[] sealed = PublicKeyEncryption.seal(ssCertificate.publicKey(), Purpose.SIGN_ON_RESPONSE, payload.toBytes(), context.random());
        NetworkMessage response = new NetworkMessage(MessageKind.SIGN_ON_RESPONSE, state.conversation(), context.address(),
                new ModuleAddress(ssCertificate.subjectId()), sealed);
        return Transition.accepted(state.withSecurityServer(ssCertificate, channel).in(Phase.AWAITING_SESSION_ACK), response);
    }

    /** Steps 1456-1462: the NS's answer to E_K(V), under K. */
    private static Transition<ModuleSignOnState> networkAnswer(ModuleSignOnState state, NetworkMessage message) {
        byte[] k = state.k().orElseThrow().bytes();
        if (message.kind() == MessageKind.SIGN_ON_ACCEPTED) {
            Payloads.readOnly(Purpose.SIGN_ON_ACCEPTED, state.conversation(), SymmetricCipher.open(k, Purpose.SIGN_ON_ACCEPTED, message.body()));
            return Transition.settled(state.signedOn(), Outcome.SIGNED_ON);
        }
        Payloads.readOnly(Purpose.SIGN_ON_REFUSED, state.conversation(), SymmetricCipher.open(k, Purpose.SIGN_ON_REFUSED, message.body()));
        return Transition.settled(state.ended(Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION), Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION);
    }

    private static NetworkMessage signOffMessage(ModuleContext context, ModuleSignOnState state) {
        byte[] sealed = SymmetricCipher.seal(state.k().orElseThrow().bytes(), Purpose.SIGN_OFF,
                Payloads.only(Purpose.SIGN_OFF, state.conversation()), context.random());
        return new NetworkMessage(MessageKind.SIGN_OFF, state.conversation(), context.address(), state.networkServer(), sealed);
    }

    /** The module's corrected time: its hardware clock plus the offset set by clock synchronisation. */
    static Instant now(ModuleContext context, ModuleSignOnState state) {
        return context.clock().instant().plus(state.clockOffset()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Transition<ModuleSignOnState> remember(Transition<ModuleSignOnState> transition, NetworkMessage message) {
        return new Transition<>(transition.state().remembering(message), transition.outgoing(), transition.outcome(),
                transition.disposition(), transition.note());
    }
}
