package org.ems.money.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;

/**
 * The running SHA-256 digest over a note: {@code chain[0] = H(NOTE_CHAIN_DIGEST | body)},
 * {@code chain[i+1] = H(NOTE_CHAIN_DIGEST | chain[i] | signed payload of record i)}. chain[i] is
 * what record i signs as "the previous records' digest", and it names node i of the note
 * transfer tree. Signatures are left out so that re-signing (ECDSA is randomised) cannot
 * make one transfer look like two.
 */
final class NoteChain {

    static final int DIGEST_BYTES = 32;

    private NoteChain() {
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] root(byte[] bodyEncoded) {
        return sha256(new CanonicalWriter(Purpose.NOTE_CHAIN_DIGEST).putBytes(bodyEncoded).toBytes());
    }

    static byte[] next(byte[] previous, byte[] recordPayload) {
        return sha256(new CanonicalWriter(Purpose.NOTE_CHAIN_DIGEST).putBytes(previous).putBytes(recordPayload).toBytes());
    }
}
