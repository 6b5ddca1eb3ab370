package org.ems.network;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleRole;

/** What an attacker, a broken peer or a broken clock would produce, to feed each bad case. */
public final class Forgery {

    private Forgery() {
    }

    /** The certificate with the last byte of its signature flipped: decodes, but fails BAD_SIGNATURE. */
    public static Certificate withBrokenSignature(Certificate certificate) {
        byte[] encoded = certificate.encoded();
        int offset = 4 + 4 + certificate.signedPayload().length + 4 + certificate.signature().length - 1;
        encoded[offset] ^= 0x01;
        return Certificate.decode(encoded);
    }

    /** A security server certificate for the same key, signed by a primary security server nobody lists. */
    public static Certificate securityServerCertificateFromRoguePss(TestNetwork net) {
        KeyPair rogue = Crypto.generateKeyPair(KeyLength.P521, net.random);
        return CertificateIssuer.certifySecurityServer(net.scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 3), rogue.getPrivate(),
                net.securityServer.id(), net.securityServer.keys().getPublic(), TestNetwork.ISSUED, TestNetwork.EXPIRES, net.scheme);
    }

    /** The signed envelope with its signature's last byte flipped. */
    public static byte[] withBrokenSignature(byte[] envelope, Purpose purpose, int maxPayloadBytes) {
        SignedEnvelope signed = SignedEnvelope.decode(envelope, purpose, maxPayloadBytes);
        byte[] signature = signed.signature();
        signature[signature.length - 1] ^= 0x01;
        return new SignedEnvelope(signed.payload(), signature).encoded();
    }

    /** Opens a frame with a copy of the receiver's channel as it was, without touching the real one. */
    public static byte[] open(SecureChannel receiverBefore, byte[] frame, Purpose purpose) {
        SecureChannel.Receipt receipt = receiverBefore.open(frame, Set.of(purpose));
        if (!(receipt instanceof SecureChannel.Opened opened)) {
            throw new AssertionError("frame did not open: " + receipt);
        }
        return opened.payload();
    }

    /** Seals a frame as the sender's channel would have, from a copy of that channel as it was. */
    public static byte[] seal(SecureChannel senderBefore, Purpose purpose, byte[] payload) {
        return senderBefore.seal(purpose, payload).frame();
    }

    /** The session key inside a channel, read back from its stored form (as anyone holding the state could). */
    public static SecretValue keyOf(SecureChannel channel) {
        CanonicalWriter writer = new CanonicalWriter(Purpose.CHANNEL_FRAME);
        channel.write(writer);
        return SecretValue.read(new CanonicalReader(writer.toBytes(), Purpose.CHANNEL_FRAME));
    }

    public static byte[] flipLastByte(byte[] bytes) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    /** A clock that moves {@code step} further on every reading: a clock that cannot be set. */
    public static Clock brokenClock(Instant start, Duration step) {
        AtomicLong readings = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plus(step.multipliedBy(readings.getAndIncrement()));
            }
        };
    }
}
