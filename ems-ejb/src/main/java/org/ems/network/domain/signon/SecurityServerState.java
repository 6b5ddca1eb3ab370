package org.ems.network.domain.signon;

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
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProcessedMessages;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.security.domain.Certificate;

/**
 * A security server's side of one sign-on: the network server that passed it, the module's
 * certificate, K and V (kept until released), R and the verification message, the MM/SS
 * channel, the clock checks so far, and the certificate issued at recertification. Immutable;
 * stored sealed at rest (it holds K, V, R and the session key).
 *
 * <p>Invariants: every phase after FRESH knows its network server and module; K and V exist
 * until the sign-on ends; R and the verification message exist while AWAITING_RESPONSE; the
 * channel exists from AWAITING_TIME; an issued certificate exists in AWAITING_CERTIFICATE_ACK;
 * an outcome exists exactly when ENDED. The session "ended normally" iff the outcome is
 * {@link Outcome#SIGN_ON_APPROVED}: only then were K and V released.
 */
public record SecurityServerState(Phase phase, ConversationId conversation, Optional<NetworkServerId> networkServer,
        Optional<Certificate> module, Optional<SecretValue> k, Optional<SecretValue> v, Optional<SecretValue> r,
        Optional<SecretValue> verification, Optional<SecureChannel> channel, int timeChecks, Optional<Certificate> issued,
        Optional<Outcome> outcome, ProcessedMessages processed) {

    public enum Phase implements StableCode {
        FRESH(1), AWAITING_RESPONSE(2), AWAITING_TIME(3), AWAITING_ACK_OR_RECERTIFICATION(4), AWAITING_CERTIFICATE_ACK(5), ENDED(6);

        private final int code;

        Phase(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Phase ofCode(int code) {
            return StableCode.ofCode(Phase.class, code, "security server phase");
        }
    }

    private static final int VERSION = 1;

    public SecurityServerState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(processed, "processed");
        boolean active = phase != Phase.FRESH && phase != Phase.ENDED;
        if (active && (networkServer.isEmpty() || module.isEmpty() || k.isEmpty() || v.isEmpty())) {
            throw new IllegalArgumentException(phase + " needs network server, module, K and V");
        }
        if (phase == Phase.AWAITING_RESPONSE && (r.isEmpty() || verification.isEmpty())) {
            throw new IllegalArgumentException(phase + " needs R and the verification message");
        }
        if (active && phase != Phase.AWAITING_RESPONSE && channel.isEmpty()) {
            throw new IllegalArgumentException(phase + " needs the MM/SS channel");
        }
        if (phase == Phase.AWAITING_CERTIFICATE_ACK && issued.isEmpty()) {
            throw new IllegalArgumentException(phase + " needs the issued certificate");
        }
        if (outcome.isPresent() != (phase == Phase.ENDED)) {
            throw new IllegalArgumentException("an outcome exists exactly when ended");
        }
        if (timeChecks < 0 || timeChecks > 100) {
            throw new IllegalArgumentException("time checks outside 0..100");
        }
    }

    public static SecurityServerState fresh(ConversationId conversation) {
        return new SecurityServerState(Phase.FRESH, conversation, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(),
                ProcessedMessages.none());
    }

    public boolean isSettled() {
        return phase == Phase.FRESH || phase == Phase.ENDED;
    }

    /** The session with the module ended normally and K and V were released to it. */
    public boolean isApproved() {
        return outcome.equals(Optional.of(Outcome.SIGN_ON_APPROVED));
    }

    SecurityServerState received(NetworkServerId server, Certificate moduleCertificate, SecretValue key, SecretValue value) {
        return new SecurityServerState(phase, conversation, Optional.of(server), Optional.of(moduleCertificate), Optional.of(key),
                Optional.of(value), r, verification, channel, timeChecks, issued, outcome, processed);
    }

    SecurityServerState challenged(SecretValue random, SecretValue verificationMessage) {
        return new SecurityServerState(Phase.AWAITING_RESPONSE, conversation, networkServer, module, k, v, Optional.of(random),
                Optional.of(verificationMessage), channel, timeChecks, issued, outcome, processed);
    }

    /** The MM/SS session has started: R and the verification message are no longer needed. */
    SecurityServerState inSession(SecureChannel sessionChannel) {
        return new SecurityServerState(Phase.AWAITING_TIME, conversation, networkServer, module, k, v, Optional.empty(),
                Optional.empty(), Optional.of(sessionChannel), 0, issued, outcome, processed);
    }

    SecurityServerState in(Phase next, SecureChannel nextChannel, int checks) {
        return new SecurityServerState(next, conversation, networkServer, module, k, v, r, verification,
                Optional.of(nextChannel), checks, issued, outcome, processed);
    }

    SecurityServerState withIssued(Certificate certificate) {
        return new SecurityServerState(phase, conversation, networkServer, module, k, v, r, verification, channel, timeChecks,
                Optional.of(certificate), outcome, processed);
    }

    /** Ended: K, V, R and the verification message are forgotten, the channel closed. */
    SecurityServerState ended(Outcome result) {
        return new SecurityServerState(Phase.ENDED, conversation, networkServer, module, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), channel.map(SecureChannel::close), timeChecks, issued, Optional.of(result),
                processed);
    }

    SecurityServerState remembering(NetworkMessage message) {
        return new SecurityServerState(phase, conversation, networkServer, module, k, v, r, verification, channel, timeChecks,
                issued, outcome, processed.with(message));
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.SECURITY_SERVER_SIGN_ON_STATE).putInt(VERSION).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        Codec.putOptional(writer, networkServer, Address::write);
        Codec.putOptional(writer, module, Codec::putCertificate);
        for (Optional<SecretValue> secret : List.of(k, v, r, verification)) {
            Codec.putOptional(writer, secret, (w, value) -> value.write(w));
        }
        Codec.putOptional(writer, channel, (w, c) -> c.write(w));
        writer.putInt(timeChecks);
        Codec.putOptional(writer, issued, Codec::putCertificate);
        Codec.putOptional(writer, outcome, (w, o) -> w.putInt(o.code()));
        processed.write(writer);
        return writer.toBytes();
    }

    public static SecurityServerState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.SECURITY_SERVER_SIGN_ON_STATE);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown security server state version");
        }
        try {
            SecurityServerState state = new SecurityServerState(Phase.ofCode(reader.getInt()), Codec.getConversation(reader),
                    Codec.getOptional(reader, SecurityServerState::readNetworkServer), Codec.getOptional(reader, Codec::getCertificate),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, SecretValue::read),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, SecretValue::read),
                    Codec.getOptional(reader, SecureChannel::read), reader.getInt(), Codec.getOptional(reader, Codec::getCertificate),
                    Codec.getOptional(reader, r -> Outcome.ofCode(r.getInt())), ProcessedMessages.read(reader));
            reader.end();
            return state;
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("inconsistent security server state: " + e.getMessage(), e);
        }
    }

    private static NetworkServerId readNetworkServer(CanonicalReader reader) {
        if (Address.read(reader) instanceof NetworkServerId server) {
            return server;
        }
        throw new MalformedEncodingException("a sign-on is passed by a network server");
    }

    @Override
    public String toString() {
        return "SecurityServerState[" + phase + ", " + conversation + outcome.map(o -> ", " + o).orElse("") + "]";
    }
}
