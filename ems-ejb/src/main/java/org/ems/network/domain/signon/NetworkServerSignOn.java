package org.ems.network.domain.signon;

import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.network.domain.Address;
import org.ems.network.domain.Codec;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.Transition;
import org.ems.network.domain.signon.NetworkServerState.Phase;
import org.ems.security.domain.Certificate;

/**
 * The network server's side of sign-on (figure 6, "NS", and figure 3B): take the module's
 * certificate, make K and V, pass them to a security server under the NS/SS key, pass on the
 * security server's denial, check E_K(V), link the module to its destination, and route the
 * linked module's messages to that destination. The application passes
 * {@link NetworkServerState#fresh} for a conversation it has not stored yet.
 *
 * <p>The NS links a module only when the V it returns under K is the V the security server
 * released at the normal end of its session, so a denied module is never linked.
 */
public final class NetworkServerSignOn {

    private NetworkServerSignOn() {
    }

    public static Transition<NetworkServerState> onMessage(NetworkServerContext context, NetworkServerState state,
            NetworkMessage message) {
        if (!message.conversation().equals(state.conversation())) {
            return Transition.rejected(state, "message of another conversation");
        }
        if (state.processed().contains(message)) {
            return Transition.duplicate(state);
        }
        Transition<NetworkServerState> transition;
        try {
            transition = dispatch(context, state, message);
        } catch (MalformedEncodingException e) {
            return Transition.rejected(state, "not authentic or malformed: " + e.getMessage());
        }
        boolean changed = transition.isAccepted() && message.kind() != MessageKind.RELAY;
        return changed ? remember(transition, message) : transition;
    }

    /** The module (or its security server) went silent before E_K(V) came: forget K and V. */
    public static Transition<NetworkServerState> onTimeout(NetworkServerContext context, NetworkServerState state) {
        if (state.phase() != Phase.AWAITING_VERIFICATION) {
            return Transition.rejected(state, "nothing pending");
        }
        return Transition.settled(state.ended(Outcome.TIMED_OUT), Outcome.TIMED_OUT);
    }

    private static Transition<NetworkServerState> dispatch(NetworkServerContext context, NetworkServerState state,
            NetworkMessage message) {
        Phase phase = state.phase();
        return switch (message.kind()) {
            case SIGN_ON_REQUEST -> phase == Phase.FRESH ? request(context, state, message) : unexpected(state, message);
            case SIGN_ON_VERDICT -> phase == Phase.AWAITING_VERIFICATION ? verdict(context, state, message) : unexpected(state, message);
            case SIGN_ON_VERIFICATION -> phase == Phase.AWAITING_VERIFICATION ? verification(context, state, message)
                    : unexpected(state, message);
            case SIGN_OFF -> phase == Phase.AWAITING_VERIFICATION || phase == Phase.LINKED ? signOff(state, message)
                    : unexpected(state, message);
            case RELAY -> phase == Phase.LINKED ? relay(state, message) : unexpected(state, message);
            default -> unexpected(state, message);
        };
    }

    /** Steps 1248-1256: K and V, and the certificate, K and V to a security server under the NS/SS key. */
    private static Transition<NetworkServerState> request(NetworkServerContext context, NetworkServerState state,
            NetworkMessage message) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_REQUEST, state.conversation(), message.body());
        Certificate certificate = Codec.getCertificate(reader);
        reader.end();
        if (!message.sender().equals(new ModuleAddress(certificate.subjectId()))) {
            return Transition.rejected(state, "the certificate is not the sender's");
        }
        SecurityServerRoute route = context.routeFor(state.conversation());
        SecretValue k = SecretValue.random(context.random());
        SecretValue v = SecretValue.random(context.random());
        CanonicalWriter payload = Payloads.writer(Purpose.SIGN_ON_FORWARD, state.conversation())
                .putLong(certificate.subjectId().value());
        Codec.putCertificate(payload, certificate);
        k.write(payload);
        v.write(payload);
        byte[] sealed = SymmetricCipher.seal(route.nsSsKey().bytes(), Purpose.SIGN_ON_FORWARD, payload.toBytes(), context.random());
        NetworkMessage forward = new NetworkMessage(MessageKind.SIGN_ON_FORWARD, state.conversation(), context.id(),
                new ModuleAddress(route.securityServer()), sealed);
        return Transition.accepted(state.awaiting(certificate.subjectId(), route.securityServer(), k, v), forward);
    }

    /** Steps 1272 and 1422: note the denial or malfunction, pass the sealed notice to the module, disconnect. */
    private static Transition<NetworkServerState> verdict(NetworkServerContext context, NetworkServerState state,
            NetworkMessage message) {
        if (!message.sender().equals(new ModuleAddress(state.securityServer().orElseThrow()))) {
            return Transition.rejected(state, "a verdict comes from the security server of this sign-on");
        }
        Optional<SecurityServerRoute> route = context.route(state.securityServer().orElseThrow());
        if (route.isEmpty()) {
            return Transition.rejected(state, "no NS/SS key for " + state.securityServer().orElseThrow());
        }
        byte[] plain = SymmetricCipher.open(route.get().nsSsKey().bytes(), Purpose.SIGN_ON_VERDICT, message.body());
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_VERDICT, state.conversation(), plain);
        Outcome outcome = Outcome.ofCode(reader.getInt());
        byte[] notice = reader.getBytes(PublicKeyEncryption.MAX_PLAINTEXT_BYTES + 1024);
        reader.end();
        if (!ModuleSignOn.NOTICE_OUTCOMES.contains(outcome)) {
            return Transition.rejected(state, outcome + " is not a sign-on verdict");
        }
        NetworkMessage toModule = new NetworkMessage(MessageKind.SIGN_ON_DENIED, state.conversation(), context.id(),
                moduleAddress(state), notice);
        return Transition.settled(state.ended(outcome), outcome, toModule);
    }

    /** Steps 1450-1460: V right under K: link and acknowledge; anything else: deny and disconnect. */
    private static Transition<NetworkServerState> verification(NetworkServerContext context, NetworkServerState state,
            NetworkMessage message) {
        if (!message.sender().equals(moduleAddress(state))) {
            return Transition.rejected(state, "E_K(V) comes from the module signing on");
        }
        byte[] k = state.k().orElseThrow().bytes();
        Verification verification = verify(state, k, message.body());
        if (verification.matches()) {
            byte[] ack = SymmetricCipher.seal(k, Purpose.SIGN_ON_ACCEPTED,
                    Payloads.only(Purpose.SIGN_ON_ACCEPTED, state.conversation()), context.random());
            return Transition.settled(state.linked(verification.destination()), Outcome.SIGNED_ON, toModule(context, state,
                    MessageKind.SIGN_ON_ACCEPTED, ack));
        }
        byte[] refusal = SymmetricCipher.seal(k, Purpose.SIGN_ON_REFUSED,
                Payloads.only(Purpose.SIGN_ON_REFUSED, state.conversation()), context.random());
        return Transition.settled(state.ended(Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION), Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION,
                toModule(context, state, MessageKind.SIGN_ON_REFUSED, refusal));
    }

    /** What E_K(V, destination) said: whether it opened under K, for this conversation, with the V we made. */
    private record Verification(boolean matches, Optional<Address> destination) {
    }

    private static Verification verify(NetworkServerState state, byte[] k, byte[] body) {
        try {
            CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_VERIFICATION, state.conversation(),
                    SymmetricCipher.open(k, Purpose.SIGN_ON_VERIFICATION, body));
            SecretValue v = SecretValue.read(reader);
            Optional<Address> destination = Codec.getOptional(reader, Address::read);
            reader.end();
            return new Verification(v.equals(state.v().orElseThrow()), destination);
        } catch (MalformedEncodingException e) {
            return new Verification(false, Optional.empty());
        }
    }

    private static Transition<NetworkServerState> signOff(NetworkServerState state, NetworkMessage message) {
        Payloads.readOnly(Purpose.SIGN_OFF, state.conversation(),
                SymmetricCipher.open(state.k().orElseThrow().bytes(), Purpose.SIGN_OFF, message.body()));
        return Transition.settled(state.ended(Outcome.SIGNED_OFF), Outcome.SIGNED_OFF);
    }

    /** Routing (figure 3B): unwrap E_K(message) from the linked module and pass it to its destination, unchanged. */
    private static Transition<NetworkServerState> relay(NetworkServerState state, NetworkMessage message) {
        NetworkMessage inner = NetworkMessage.decode(
                SymmetricCipher.open(state.k().orElseThrow().bytes(), Purpose.NETWORK_RELAY, message.body()));
        if (!inner.sender().equals(moduleAddress(state)) || state.destination().map(d -> !d.equals(inner.recipient())).orElse(true)) {
            return Transition.rejected(state, "the link carries the module's messages to its destination only");
        }
        return Transition.accepted(state, inner);
    }

    private static NetworkMessage toModule(NetworkServerContext context, NetworkServerState state, MessageKind kind, byte[] body) {
        return new NetworkMessage(kind, state.conversation(), context.id(), moduleAddress(state), body);
    }

    private static ModuleAddress moduleAddress(NetworkServerState state) {
        return new ModuleAddress(state.module().orElseThrow());
    }

    private static Transition<NetworkServerState> unexpected(NetworkServerState state, NetworkMessage message) {
        return Transition.rejected(state, message.kind() + " not expected in " + state.phase());
    }

    private static Transition<NetworkServerState> remember(Transition<NetworkServerState> transition, NetworkMessage message) {
        return new Transition<>(transition.state().remembering(message), transition.outgoing(), transition.outcome(),
                transition.disposition(), transition.note());
    }
}
