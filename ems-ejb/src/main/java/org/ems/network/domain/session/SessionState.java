package org.ems.network.domain.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.StableCode;
import org.ems.network.domain.Address;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProcessedMessages;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.security.domain.Certificate;

/**
 * One party's side of one session (figure 7 and after), for both roles: while it is being
 * established, once ESTABLISHED (then the protocols inside it use {@link SessionTraffic}), and
 * when ENDED. Immutable; stored sealed at rest (it holds R(B), the verification messages and the
 * session key).
 *
 * <p>Invariants: the initiator starts AWAITING_CHALLENGE, the responder FRESH (the only phase
 * without a known peer); R(B) exists only
 * while the responder is AWAITING_RESPONSE; the channel exists from AWAITING_ACK (initiator) and
 * ESTABLISHED; both verification messages exist once the party can prove them in an abort; an
 * outcome exists exactly when ESTABLISHED or ENDED; only the initiator has a route.
 */
public record SessionState(Role role, Phase phase, ConversationId conversation, Optional<ModuleAddress> peer,
        Optional<Certificate> peerCertificate, Optional<SecretValue> r, Optional<SecretValue> ownVerification,
        Optional<SecretValue> peerVerification, Optional<SecureChannel> channel, Optional<NetworkLink> route,
        Optional<Outcome> outcome, ProcessedMessages processed) {

    public enum Role implements StableCode {
        INITIATOR(1), RESPONDER(2);

        private final int code;

        Role(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Role ofCode(int code) {
            return StableCode.ofCode(Role.class, code, "session role");
        }
    }

    public enum Phase implements StableCode {
        FRESH(1), AWAITING_CHALLENGE(2), AWAITING_RESPONSE(3), AWAITING_ACK(4), ESTABLISHED(5), ENDED(6);

        private final int code;

        Phase(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Phase ofCode(int code) {
            return StableCode.ofCode(Phase.class, code, "session phase");
        }
    }

    private static final int VERSION = 1;

    public SessionState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(processed, "processed");
        boolean initiatorPhase = phase == Phase.AWAITING_CHALLENGE || phase == Phase.AWAITING_ACK;
        boolean responderPhase = phase == Phase.FRESH || phase == Phase.AWAITING_RESPONSE;
        if ((role == Role.INITIATOR && responderPhase) || (role == Role.RESPONDER && initiatorPhase)) {
            throw new IllegalArgumentException(role + " is never " + phase);
        }
        if (peer.isEmpty() && phase != Phase.FRESH) {
            throw new IllegalArgumentException("the peer is known in every phase after FRESH");
        }
        if (r.isPresent() != (phase == Phase.AWAITING_RESPONSE)) {
            throw new IllegalArgumentException("R(B) exists exactly while the responder awaits the response");
        }
        if ((phase == Phase.AWAITING_ACK || phase == Phase.ESTABLISHED) && channel.isEmpty()) {
            throw new IllegalArgumentException(phase + " needs the session channel");
        }
        if (outcome.isPresent() != (phase == Phase.ESTABLISHED || phase == Phase.ENDED)) {
            throw new IllegalArgumentException("an outcome exists exactly when established or ended");
        }
        if (route.isPresent() && role != Role.INITIATOR) {
            throw new IllegalArgumentException("only the initiator routes through its network server");
        }
    }

    static SessionState initiated(ConversationId conversation, ModuleAddress peer, Optional<NetworkLink> route) {
        return new SessionState(Role.INITIATOR, Phase.AWAITING_CHALLENGE, conversation, Optional.of(peer), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), route, Optional.empty(), ProcessedMessages.none());
    }

    /** What the application passes to the responder for a conversation it has not stored yet. */
    public static SessionState fresh(ConversationId conversation) {
        return new SessionState(Role.RESPONDER, Phase.FRESH, conversation, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ProcessedMessages.none());
    }

    /** Nothing pending: fresh, established (a session lasts until closed) or ended. */
    public boolean isSettled() {
        return phase == Phase.FRESH || phase == Phase.ESTABLISHED || phase == Phase.ENDED;
    }

    public boolean isEstablished() {
        return phase == Phase.ESTABLISHED;
    }

    /** The responder has read the initiator's certificate (valid or not). */
    SessionState knowing(ModuleAddress initiator, Certificate certificate) {
        return new SessionState(role, phase, conversation, Optional.of(initiator), Optional.of(certificate), r, ownVerification,
                peerVerification, channel, route, outcome, processed);
    }

    SessionState challenged(SecretValue rB, SecretValue verification) {
        return new SessionState(role, Phase.AWAITING_RESPONSE, conversation, peer, peerCertificate, Optional.of(rB),
                Optional.of(verification), peerVerification, channel, route, outcome, processed);
    }

    SessionState responded(Certificate certificate, SecretValue own, SecretValue peers, SecureChannel sessionChannel) {
        return new SessionState(role, Phase.AWAITING_ACK, conversation, peer, Optional.of(certificate), r, Optional.of(own),
                Optional.of(peers), Optional.of(sessionChannel), route, outcome, processed);
    }

    SessionState withPeerVerification(SecretValue peers) {
        return new SessionState(role, phase, conversation, peer, peerCertificate, r, ownVerification, Optional.of(peers), channel,
                route, outcome, processed);
    }

    SessionState withChannel(SecureChannel next) {
        return new SessionState(role, phase, conversation, peer, peerCertificate, r, ownVerification, peerVerification,
                Optional.of(next), route, outcome, processed);
    }

    SessionState established(SecureChannel sessionChannel) {
        return new SessionState(role, Phase.ESTABLISHED, conversation, peer, peerCertificate, Optional.empty(), ownVerification,
                peerVerification, Optional.of(sessionChannel), route, Optional.of(Outcome.SESSION_ESTABLISHED), processed);
    }

    /** Ended: R(B) forgotten and the channel closed; the verification messages stay to recognise a late abort. */
    SessionState ended(Outcome result) {
        return new SessionState(role, Phase.ENDED, conversation, peer, peerCertificate, Optional.empty(), ownVerification,
                peerVerification, channel.map(c -> c.isOpen() ? c.close() : c), route, Optional.of(result), processed);
    }

    SessionState remembering(NetworkMessage message) {
        return new SessionState(role, phase, conversation, peer, peerCertificate, r, ownVerification, peerVerification, channel,
                route, outcome, processed.with(message));
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.SESSION_STATE).putInt(VERSION).putInt(role.code).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        Codec.putOptional(writer, peer, Address::write);
        Codec.putOptional(writer, peerCertificate, Codec::putCertificate);
        for (Optional<SecretValue> secret : List.of(r, ownVerification, peerVerification)) {
            Codec.putOptional(writer, secret, (w, value) -> value.write(w));
        }
        Codec.putOptional(writer, channel, (w, c) -> c.write(w));
        Codec.putOptional(writer, route, (w, link) -> link.write(w));
        Codec.putOptional(writer, outcome, (w, o) -> w.putInt(o.code()));
        processed.write(writer);
        return writer.toBytes();
    }

    public static SessionState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.SESSION_STATE);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown session state version");
        }
        try {
            Role role = Role.ofCode(reader.getInt());
            Phase phase = Phase.ofCode(reader.getInt());
            ConversationId conversation = Codec.getConversation(reader);
            Optional<ModuleAddress> peer = Codec.getOptional(reader, SessionState::readPeer);
            SessionState state = new SessionState(role, phase, conversation, peer, Codec.getOptional(reader, Codec::getCertificate),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, SecretValue::read),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, SecureChannel::read),
                    Codec.getOptional(reader, NetworkLink::read), Codec.getOptional(reader, rd -> Outcome.ofCode(rd.getInt())),
                    ProcessedMessages.read(reader));
            reader.end();
            return state;
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("inconsistent session state: " + e.getMessage(), e);
        }
    }

    /** The peer's address; known in every phase but FRESH. */
    public ModuleAddress peerAddress() {
        return peer.orElseThrow(() -> new IllegalStateException("no peer before the first message"));
    }

    private static ModuleAddress readPeer(CanonicalReader reader) {
        if (Address.read(reader) instanceof ModuleAddress address) {
            return address;
        }
        throw new MalformedEncodingException("a session's peer is a module or security server");
    }

    @Override
    public String toString() {
        return "SessionState[" + role + " " + phase + ", " + conversation + peer.map(p -> ", peer " + p).orElse("") + outcome.map(o -> ", " + o).orElse("") + "]";
    }
}
