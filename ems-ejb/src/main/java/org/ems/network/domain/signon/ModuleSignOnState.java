package org.ems.network.domain.signon;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
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
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProcessedMessages;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.security.domain.Certificate;

/**
 * A module's side of one sign-on, between steps. Immutable; stored as {@link #encode()} by the
 * application, which must keep the bytes sealed at rest: they hold the MM/SS session key, K and,
 * during recertification, the new private key.
 *
 * <p>Invariants: a channel exists from AWAITING_SESSION_ACK on; K exists in AWAITING_NETWORK_ACK
 * and SIGNED_ON; an outcome exists exactly when the phase is settled; the new certificate, once
 * set, was validated by this module and its key is {@code newKeys}.
 */
public record ModuleSignOnState(Phase phase, ConversationId conversation, NetworkServerId networkServer,
        Optional<Address> destination, Duration clockOffset, int timeReports, Optional<Certificate> securityServer,
        Optional<SecureChannel> channel, Optional<SecurityUpdate> update, Optional<KeyPair> newKeys,
        Optional<Certificate> newCertificate, Optional<SecretValue> k, Optional<Outcome> outcome,
        ProcessedMessages processed) {

    /** Where the module is in figure 6. */
    public enum Phase implements StableCode {
        AWAITING_CHALLENGE(1), AWAITING_SESSION_ACK(2), AWAITING_TIME_VERDICT(3), AWAITING_NEW_CERTIFICATE(4),
        AWAITING_CERTIFICATE_VERDICT(5), AWAITING_RELEASE(6), AWAITING_NETWORK_ACK(7), SIGNED_ON(8), ENDED(9);

        private final int code;

        Phase(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Phase ofCode(int code) {
            return StableCode.ofCode(Phase.class, code, "module sign-on phase");
        }
    }

    private static final int VERSION = 1;

    public ModuleSignOnState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(networkServer, "networkServer");
        Objects.requireNonNull(clockOffset, "clockOffset");
        Objects.requireNonNull(processed, "processed");
        if (outcome.isPresent() != (phase == Phase.SIGNED_ON || phase == Phase.ENDED)) {
            throw new IllegalArgumentException("an outcome exists exactly when the sign-on is settled");
        }
        if (phase.code >= Phase.AWAITING_SESSION_ACK.code && phase != Phase.ENDED && channel.isEmpty()) {
            throw new IllegalArgumentException(phase + " needs the MM/SS channel");
        }
        if ((phase == Phase.AWAITING_NETWORK_ACK || phase == Phase.SIGNED_ON) && k.isEmpty()) {
            throw new IllegalArgumentException(phase + " needs K");
        }
        if (timeReports < 0 || timeReports > 100) {
            throw new IllegalArgumentException("time reports outside 0..100");
        }
    }

    static ModuleSignOnState started(ConversationId conversation, NetworkServerId server, Optional<Address> destination,
            Duration clockOffset) {
        return new ModuleSignOnState(Phase.AWAITING_CHALLENGE, conversation, server, destination, clockOffset, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), ProcessedMessages.none());
    }

    /** Signed on, or ended: no timer is needed. */
    public boolean isSettled() {
        return phase == Phase.SIGNED_ON || phase == Phase.ENDED;
    }

    public boolean isSignedOn() {
        return phase == Phase.SIGNED_ON;
    }

    /** The link to hand to sessions, while signed on. */
    public Optional<NetworkLink> link() {
        return isSignedOn() ? Optional.of(new NetworkLink(networkServer, conversation, k.orElseThrow(), destination)) : Optional.empty();
    }

    /** The new certificate and private key, once validated; the application makes them the module's own. */
    public Optional<Recertification> recertification() {
        return newCertificate.map(cert -> new Recertification(cert, newKeys.orElseThrow().getPrivate()));
    }

    /** A recertified module's new certificate and its private key. */
    public record Recertification(Certificate certificate, PrivateKey privateKey) {
    }

    ModuleSignOnState in(Phase next) {
        return new ModuleSignOnState(next, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, update, newKeys, newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withChannel(SecureChannel next) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                Optional.of(next), update, newKeys, newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withSecurityServer(Certificate ssCertificate, SecureChannel newChannel) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports,
                Optional.of(ssCertificate), Optional.of(newChannel), update, newKeys, newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withClock(Duration offset, int reports) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, offset, reports, securityServer,
                channel, update, newKeys, newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withUpdate(SecurityUpdate adopted) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, Optional.of(adopted), newKeys, newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withNewKeys(KeyPair keys) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, update, Optional.of(keys), newCertificate, k, outcome, processed);
    }

    ModuleSignOnState withNewCertificate(Certificate certificate) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, update, newKeys, Optional.of(certificate), k, outcome, processed);
    }

    ModuleSignOnState withK(SecretValue key) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, update, newKeys, newCertificate, Optional.of(key), outcome, processed);
    }

    ModuleSignOnState remembering(NetworkMessage message) {
        return new ModuleSignOnState(phase, conversation, networkServer, destination, clockOffset, timeReports, securityServer,
                channel, update, newKeys, newCertificate, k, outcome, processed.with(message));
    }

    /** Settled: the channel is closed and K forgotten (a signed-off or failed sign-on keeps no key). */
    ModuleSignOnState ended(Outcome result) {
        return new ModuleSignOnState(Phase.ENDED, conversation, networkServer, destination, clockOffset, timeReports,
                securityServer, channel.map(SecureChannel::close), update, newKeys, newCertificate, Optional.empty(),
                Optional.of(result), processed);
    }

    ModuleSignOnState signedOn() {
        return new ModuleSignOnState(Phase.SIGNED_ON, conversation, networkServer, destination, clockOffset, timeReports,
                securityServer, channel, update, newKeys, newCertificate, k, Optional.of(Outcome.SIGNED_ON), processed);
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.MODULE_SIGN_ON_STATE).putInt(VERSION).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        Address.write(writer, networkServer);
        Codec.putOptional(writer, destination, Address::write);
        writer.putLong(clockOffset.toMillis()).putInt(timeReports);
        Codec.putOptional(writer, securityServer, Codec::putCertificate);
        Codec.putOptional(writer, channel, (w, c) -> c.write(w));
        Codec.putOptional(writer, update, (w, u) -> u.write(w));
        Codec.putOptional(writer, newKeys, Codec::putKeyPair);
        Codec.putOptional(writer, newCertificate, Codec::putCertificate);
        Codec.putOptional(writer, k, (w, key) -> key.write(w));
        Codec.putOptional(writer, outcome, (w, o) -> w.putInt(o.code()));
        processed.write(writer);
        return writer.toBytes();
    }

    public static ModuleSignOnState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.MODULE_SIGN_ON_STATE);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown module sign-on state version");
        }
        Phase phase = Phase.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        if (!(Address.read(reader) instanceof NetworkServerId server)) {
            throw new MalformedEncodingException("the sign-on's server must be a network server");
        }
        ModuleSignOnState state;
        try {
            state = new ModuleSignOnState(phase, conversation, server, Codec.getOptional(reader, Address::read),
                    Duration.ofMillis(reader.getLong()), reader.getInt(), Codec.getOptional(reader, Codec::getCertificate),
                    Codec.getOptional(reader, SecureChannel::read), Codec.getOptional(reader, SecurityUpdate::read),
                    Codec.getOptional(reader, Codec::getKeyPair), Codec.getOptional(reader, Codec::getCertificate),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, r -> Outcome.ofCode(r.getInt())),
                    ProcessedMessages.read(reader));
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("inconsistent module sign-on state: " + e.getMessage(), e);
        }
        reader.end();
        return state;
    }

    @Override
    public String toString() {
        return "ModuleSignOnState[" + phase + ", " + conversation + outcome.map(o -> ", " + o).orElse("") + "]";
    }
}
