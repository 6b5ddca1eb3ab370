package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {

    private static final KeyPair KEYS = Crypto.generateKeyPair(KeyLength.P256, new SecureRandom());

    @Test
    void roundTripsAndVerifies() {
        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY).putLong(3).toBytes();
        SignedEnvelope envelope = SignedEnvelope.sign(payload, KEYS.getPrivate());

        SignedEnvelope decoded = SignedEnvelope.decode(envelope.encoded(), Purpose.KEY_LENGTH_POLICY, 100);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.purpose()).isEqualTo(Purpose.KEY_LENGTH_POLICY);
        assertThat(decoded.isSignedBy(KEYS.getPublic())).isTrue();
    }

    @Test
    void refusesAnEnvelopeOfAnotherPurpose() {
        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY).putLong(3).toBytes();
        byte[] encoded = SignedEnvelope.sign(payload, KEYS.getPrivate()).encoded();
        assertThatThrownBy(() -> SignedEnvelope.decode(encoded, Purpose.BAD_ID_LIST, 100))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void refusesToSignAnEnvelopeAndOversizedPayloads() {
        byte[] envelopeLike = new CanonicalWriter(Purpose.ENVELOPE).putLong(3).toBytes();
        assertThatThrownBy(() -> SignedEnvelope.sign(envelopeLike, KEYS.getPrivate())).isInstanceOf(IllegalArgumentException.class);

        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY).putBytes(new byte[200]).toBytes();
        byte[] encoded = SignedEnvelope.sign(payload, KEYS.getPrivate()).encoded();
        assertThatThrownBy(() -> SignedEnvelope.decode(encoded, Purpose.KEY_LENGTH_POLICY, 100))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void constructorRefusesEnvelopesAsPayloadsAndBadSignatureLengths() {
        byte[] envelopeLike = new CanonicalWriter(Purpose.ENVELOPE).putLong(3).toBytes();
        assertThatThrownBy(() -> new SignedEnvelope(envelopeLike, new byte[70])).isInstanceOf(MalformedEncodingException.class);
        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY).putLong(3).toBytes();
        assertThatThrownBy(() -> new SignedEnvelope(payload, new byte[0])).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> new SignedEnvelope(payload, new byte[SignedEnvelope.MAX_SIGNATURE_BYTES + 1]))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void tamperedPayloadDoesNotVerify() {
        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY).putLong(3).toBytes();
        SignedEnvelope envelope = SignedEnvelope.sign(payload, KEYS.getPrivate());
        byte[] tampered = envelope.payload();
        tampered[tampered.length - 1] = 4;
        assertThat(new SignedEnvelope(tampered, envelope.signature()).isSignedBy(KEYS.getPublic())).isFalse();
    }
}
