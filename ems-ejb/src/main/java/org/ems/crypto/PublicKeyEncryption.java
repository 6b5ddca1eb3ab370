package org.ems.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The patent's "E_A(...)", encryption under a module's certificate key, realised as ECIES:
 * an ephemeral key pair on the recipient's curve, ECDH (Bouncy Castle), HKDF-SHA256, then
 * AES-256-GCM (JDK). Sealed form:
 * {@code PUBLIC_KEY_SEALED | version | purpose tag | ephemeral public key (X.509) | ciphertext+tag}.
 *
 * <p>Why each part: the ECDH secret exists only for this recipient's key, and the HKDF salt is
 * the ephemeral key, so no two seals share a key; the HKDF info and the GCM additional data
 * carry the purpose tag, so bytes sealed for one step of a protocol never open as another. HKDF
 * yields the AES key and the nonce together; a fresh ephemeral key per seal means a key/nonce
 * pair is never reused.
 *
 * <p>Cost: the sender generates a key pair and does one agreement; the recipient does one
 * agreement. ECIES authenticates the content but not the sender (anyone may encrypt to a public
 * key), as the patent's E_A does: protocols prove the sender by what it could only know.
 */
public final class PublicKeyEncryption {

    /** Payloads sealed this way are small (randoms, verification messages, times, notices). */
    public static final int MAX_PLAINTEXT_BYTES = 16 * 1024;

    private static final int VERSION = 1;
    private static final byte[] INFO_PREFIX = {'E', 'M', 'S', '-', 'E', 'C', 'I', 'E', 'S', '1'};
    private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

    private PublicKeyEncryption() {
    }

    /** Seals with the JVM's default strong randomness. */
    public static byte[] seal(PublicKey recipient, Purpose purpose, byte[] plaintext) {
        return seal(recipient, purpose, plaintext, DEFAULT_RANDOM);
    }

    /** Seals for the holder of {@code recipient}'s private key, for this purpose only. */
    public static byte[] seal(PublicKey recipient, Purpose purpose, byte[] plaintext, SecureRandom random) {
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes exceeds " + MAX_PLAINTEXT_BYTES);
        }
        KeyPair ephemeral = Crypto.generateKeyPair(KeyLength.of(recipient), random);
        byte[] ephemeralEncoded = ephemeral.getPublic().getEncoded();
        byte[] okm = derive(agree(ephemeral.getPrivate(), recipient), ephemeralEncoded, purpose);
        try {
            byte[] cipherText = SymmetricCipher.encrypt(key(okm), nonce(okm), aad(purpose, ephemeralEncoded), plaintext);
            return new CanonicalWriter(Purpose.PUBLIC_KEY_SEALED)
                    .putInt(VERSION)
                    .putInt(purpose.tag())
                    .putBytes(ephemeralEncoded)
                    .putBytes(cipherText)
                    .toBytes();
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /**
     * Opens what was sealed for the public key of {@code recipientKey} and this purpose. Anything
     * else (other purpose, other recipient, tampered, truncated, an ephemeral key on another
     * curve or off the curve): {@link MalformedEncodingException}.
     */
    public static byte[] open(PrivateKey recipientKey, Purpose purpose, byte[] sealed) {
        CanonicalReader reader = new CanonicalReader(sealed, Purpose.PUBLIC_KEY_SEALED);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown sealed version");
        }
        int tag = reader.getInt();
        if (tag != purpose.tag()) {
            throw new MalformedEncodingException("sealed for purpose tag " + tag + ", not " + purpose);
        }
        byte[] ephemeralEncoded = reader.getBytes(Crypto.MAX_ENCODED_KEY_BYTES);
        byte[] cipherText = reader.getBytes(MAX_PLAINTEXT_BYTES + SymmetricCipher.TAG_BYTES);
        reader.end();
        PublicKey ephemeral;
        try {
            ephemeral = Crypto.decodePublicKey(ephemeralEncoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("ephemeral key is not a key of a supported curve", e);
        }
        if (KeyLength.of(ephemeral) != KeyLength.of(recipientKey)) {
            throw new MalformedEncodingException("ephemeral key on another curve than the recipient's");
        }
        byte[] okm = derive(agree(recipientKey, ephemeral), ephemeralEncoded, purpose);
        try {
            return SymmetricCipher.decrypt(key(okm), nonce(okm), aad(purpose, ephemeralEncoded), cipherText);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    private static byte[] agree(PrivateKey privateKey, PublicKey publicKey) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Crypto.provider());
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new MalformedEncodingException("ECDH failed for these keys", e);
        }
    }

    /** 44 bytes: the AES-256 key, then the GCM nonce. */
    private static byte[] derive(byte[] sharedSecret, byte[] ephemeralEncoded, Purpose purpose) {
        byte[] info = Arrays.copyOf(INFO_PREFIX, INFO_PREFIX.length + Integer.BYTES);
        writeTag(info, INFO_PREFIX.length, purpose);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sharedSecret, ephemeralEncoded, info));
        byte[] okm = new byte[SymmetricCipher.KEY_BYTES + SymmetricCipher.NONCE_BYTES];
        hkdf.generateBytes(okm, 0, okm.length);
        Arrays.fill(sharedSecret, (byte) 0);
        return okm;
    }

    private static byte[] key(byte[] okm) {
        return Arrays.copyOfRange(okm, 0, SymmetricCipher.KEY_BYTES);
    }

    private static byte[] nonce(byte[] okm) {
        return Arrays.copyOfRange(okm, SymmetricCipher.KEY_BYTES, okm.length);
    }

    private static byte[] aad(Purpose purpose, byte[] ephemeralEncoded) {
        byte[] aad = new byte[Integer.BYTES + ephemeralEncoded.length];
        writeTag(aad, 0, purpose);
        System.arraycopy(ephemeralEncoded, 0, aad, Integer.BYTES, ephemeralEncoded.length);
        return aad;
    }

    private static void writeTag(byte[] target, int offset, Purpose purpose) {
        int tag = purpose.tag();
        for (int i = 0; i < Integer.BYTES; i++) {
            target[offset + i] = (byte) (tag >>> (24 - 8 * i));
        }
    }
}
