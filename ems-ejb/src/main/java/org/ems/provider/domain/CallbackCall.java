package org.ems.provider.domain;

import java.time.Instant;
import java.util.UUID;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;

/**
 * What the provider host says when it calls a terminal back (figures 6 and 8): a fresh random
 * challenge for one terminal, one step and one subject (a charge id or a settlement key), valid
 * until {@code expiresAt}. Immutable; the nonce is copied in and out.
 */
public record CallbackCall(UUID challengeId, String terminalId, CallbackPurpose purpose, String subject, byte[] nonce,
                           Instant expiresAt) {

    public static final int NONCE_BYTES = 32;

    public CallbackCall {
        if (challengeId == null || terminalId == null || purpose == null || subject == null || expiresAt == null) {
            throw new IllegalArgumentException("a callback names its challenge, terminal, purpose, subject and expiry");
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a challenge nonce is " + NONCE_BYTES + " bytes");
        }
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /**
     * The terminal's answer: HMAC-SHA256 under its callback key over everything the call says,
     * behind its own purpose tag (the agreed algorithm of the patent).
     */
    public byte[] answer(byte[] terminalKey) {
        return Hmac.sha256(terminalKey, signedBytes());
    }

    byte[] signedBytes() {
        return new CanonicalWriter(Purpose.PROVIDER_CALLBACK_ANSWER).putString(challengeId.toString()).putString(terminalId)
                .putInt(purpose.code()).putString(subject).putBytes(nonce).putInstant(expiresAt).toBytes();
    }

    @Override
    public String toString() {
        return "CallbackCall[" + challengeId + ", " + terminalId + ", " + purpose + " " + subject + ", until " + expiresAt + "]";
    }
}
