package org.ems.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * A signed payload and its signature, as stored and sent: {@code ENVELOPE | payload | signature}.
 * The payload starts with its own purpose tag, which {@link #decode} checks against what the
 * caller expects, so an envelope of one kind of document never passes for another. Whether the
 * signature is valid, and by whom, is the caller's question ({@link #isSignedBy}).
 */
public final class SignedEnvelope {

    /** A DER ECDSA signature on P-521 is at most 139 bytes. */
    public static final int MAX_SIGNATURE_BYTES = 256;

    private final byte[] payload;
    private final byte[] signature;

    public SignedEnvelope(byte[] payload, byte[] signature) {
        Purpose purpose = CanonicalReader.peekPurpose(payload);
        if (purpose == Purpose.ENVELOPE) {
            throw new MalformedEncodingException("an envelope cannot be a signed payload");
        }
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new MalformedEncodingException("signature of " + signature.length + " bytes");
        }
        this.payload = payload.clone();
        this.signature = signature.clone();
    }

    /** Signs the payload (which must start with a purpose tag other than ENVELOPE). */
    public static SignedEnvelope sign(byte[] payload, PrivateKey key) {
        if (CanonicalReader.peekPurpose(payload) == Purpose.ENVELOPE) {
            throw new IllegalArgumentException("refusing to sign an envelope");
        }
        return new SignedEnvelope(payload, Crypto.sign(key, payload));
    }

    /** Decodes an envelope whose payload has the expected purpose and at most {@code maxPayloadBytes}. */
    public static SignedEnvelope decode(byte[] encoded, Purpose expected, int maxPayloadBytes) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.ENVELOPE);
        byte[] payload = reader.getBytes(maxPayloadBytes);
        byte[] signature = reader.getBytes(MAX_SIGNATURE_BYTES);
        reader.end();
        SignedEnvelope envelope = new SignedEnvelope(payload, signature);
        if (envelope.purpose() != expected) {
            throw new MalformedEncodingException("expected an envelope of " + expected + " but found " + envelope.purpose());
        }
        return envelope;
    }

    public Purpose purpose() {
        return CanonicalReader.peekPurpose(payload);
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    public boolean isSignedBy(PublicKey key) {
        return Crypto.verify(key, payload, signature);
    }

    public byte[] encoded() {
        return new CanonicalWriter(Purpose.ENVELOPE).putBytes(payload).putBytes(signature).toBytes();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedEnvelope that
                && Arrays.equals(payload, that.payload)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(payload) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedEnvelope[" + purpose().shortName() + ", " + payload.length + " bytes]";
    }
}
