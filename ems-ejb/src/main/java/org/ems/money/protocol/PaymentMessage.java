package org.ems.money.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.ems.crypto.Purpose;

/**
 * One message of the payment protocol: a purpose tag and its payload (which starts with that tag
 * and the conversation id). The application sends it to the peer inside the established session
 * ({@code SessionTraffic.send(context, session, purpose(), payload())}) and hands what
 * {@code SessionTraffic.receive} opens back as a {@code PaymentMessage}.
 */
public record PaymentMessage(Purpose purpose, byte[] payload) {

    public static final int DIGEST_BYTES = 16;

    public PaymentMessage {
        Objects.requireNonNull(purpose, "purpose");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A digest of purpose and payload, for recognising a redelivered copy. */
    public byte[] digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) (purpose.tag() >>> 24));
            sha.update((byte) (purpose.tag() >>> 16));
            sha.update((byte) (purpose.tag() >>> 8));
            sha.update((byte) purpose.tag());
            return Arrays.copyOf(sha.digest(payload), DIGEST_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PaymentMessage that && that.purpose == purpose && Arrays.equals(that.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * purpose.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return purpose.shortName() + "(" + payload.length + " bytes)";
    }
}
