package org.ems.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the network's symmetric keys: the NS/SS keys, the sign-on key K, and (through
 * {@link #encrypt}/{@link #decrypt} with counter nonces) the session channels.
 *
 * <p>{@link #seal} uses a random 12-byte nonce and binds the purpose in the additional data, so
 * bytes sealed for one purpose never open as another. Sealed form:
 * {@code SYMMETRIC_SEALED | version | purpose tag | nonce | ciphertext+tag}. Random nonces are
 * safe here because each key seals few messages (K: two or three; an NS/SS key: two per
 * sign-on, far below the 2^32 messages at which random 96-bit nonces start to risk a repeat).
 *
 * <p>The JDK's own provider, named explicitly: about 23x faster than Bouncy Castle's AES here
 * (DESIGN.md section 10). Failures to authenticate are {@link MalformedEncodingException}: the
 * caller's answer to tampering and to a wrong key is the same, reject and change nothing.
 */
public final class SymmetricCipher {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** Largest plaintext sealed on the network: a sign-on update with a full bad-ID list stays far below. */
    public static final int MAX_PLAINTEXT_BYTES = 8 * 1024 * 1024;

    private static final int VERSION = 1;
    private static final byte[] AAD_PREFIX = {'E', 'M', 'S', '-', 'G', 'C', 'M', '1'};

    private SymmetricCipher() {
    }

    /** Encrypts under a fresh random nonce; see the class comment for the form. */
    public static byte[] seal(byte[] key, Purpose purpose, byte[] plaintext, SecureRandom random) {
        requirePlaintext(plaintext);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] cipherText = encrypt(key, nonce, aad(purpose), plaintext);
        return new CanonicalWriter(Purpose.SYMMETRIC_SEALED)
                .putInt(VERSION)
                .putInt(purpose.tag())
                .putBytes(nonce)
                .putBytes(cipherText)
                .toBytes();
    }

    /** Opens what {@link #seal} made for the same key and purpose; anything else: {@link MalformedEncodingException}. */
    public static byte[] open(byte[] key, Purpose purpose, byte[] sealed) {
        CanonicalReader reader = new CanonicalReader(sealed, Purpose.SYMMETRIC_SEALED);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown sealed version");
        }
        int tag = reader.getInt();
        if (tag != purpose.tag()) {
            throw new MalformedEncodingException("sealed for purpose tag " + tag + ", not " + purpose);
        }
        byte[] nonce = reader.getBytes(NONCE_BYTES);
        byte[] cipherText = reader.getBytes(MAX_PLAINTEXT_BYTES + TAG_BYTES);
        reader.end();
        if (nonce.length != NONCE_BYTES) {
            throw new MalformedEncodingException("nonce of " + nonce.length + " bytes");
        }
        return decrypt(key, nonce, aad(purpose), cipherText);
    }

    /**
     * Raw AES-256-GCM with a caller-chosen nonce. The caller guarantees that a nonce is never
     * used twice under one key (the secure channel does: direction and sequence number).
     */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] additionalData, byte[] plaintext) {
        requirePlaintext(plaintext);
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, additionalData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Raw AES-256-GCM decryption; a failed tag (tampering, wrong key, nonce or data): {@link MalformedEncodingException}. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] additionalData, byte[] cipherText) {
        if (cipherText.length < TAG_BYTES || cipherText.length > MAX_PLAINTEXT_BYTES + TAG_BYTES) {
            throw new MalformedEncodingException("ciphertext of " + cipherText.length + " bytes");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, additionalData).doFinal(cipherText);
        } catch (AEADBadTagException e) {
            throw new MalformedEncodingException("ciphertext failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] additionalData) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("GCM nonce must be " + NONCE_BYTES + " bytes, not " + nonce.length);
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(additionalData);
        return cipher;
    }

    private static byte[] aad(Purpose purpose) {
        byte[] aad = new byte[AAD_PREFIX.length + Integer.BYTES];
        System.arraycopy(AAD_PREFIX, 0, aad, 0, AAD_PREFIX.length);
        int tag = purpose.tag();
        for (int i = 0; i < Integer.BYTES; i++) {
            aad[AAD_PREFIX.length + i] = (byte) (tag >>> (24 - 8 * i));
        }
        return aad;
    }

    private static void requirePlaintext(byte[] plaintext) {
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes exceeds " + MAX_PLAINTEXT_BYTES);
        }
    }
}
