package org.ems.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps private keys encrypted at rest: AES-256-GCM over the PKCS#8 encoding, with a random
 * 12-byte nonce. Sealed form: {@code version(1) | nonce(12) | ciphertext | tag(16)}.
 *
 * <p>Uses the JDK's own AES-GCM provider, not Bouncy Castle: it is about 23x faster here
 * (DESIGN.md section 10) and AES is not where BC's value lies. Random nonces are safe for far
 * more than 2^32 seals under one master key would be; EMS seals one key per module.
 *
 * <p>The optional context (e.g. the owning module's id) is authenticated, not encrypted: a
 * sealed key copied to another module's row then fails to open instead of being used.
 * Tampering, a wrong master key or a wrong context: {@link MalformedEncodingException}.
 */
public final class PrivateKeyVault {

    public static final int MASTER_KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_SEALED_BYTES = 1 + NONCE_BYTES + Crypto.MAX_ENCODED_KEY_BYTES + TAG_BITS / 8;
    private static final byte[] AAD_PREFIX = "EMS private key v1|".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec masterKey;
    private final SecureRandom random = new SecureRandom();

    public PrivateKeyVault(byte[] masterKey32) {
        if (masterKey32.length != MASTER_KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + MASTER_KEY_BYTES + " bytes, not " + masterKey32.length);
        }
        this.masterKey = new SecretKeySpec(masterKey32.clone(), "AES");
    }

    public byte[] seal(PrivateKey key) {
        return seal(key, "");
    }

    public PrivateKey open(byte[] sealed) {
        return open(sealed, "");
    }

    /** Seals with an authenticated context that {@link #open(byte[], String)} must repeat. */
    public byte[] seal(PrivateKey key, String context) {
        byte[] plain = key.getEncoded();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] cipherText = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(plain);
            byte[] sealed = new byte[1 + NONCE_BYTES + cipherText.length];
            sealed[0] = VERSION;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
            System.arraycopy(cipherText, 0, sealed, 1 + NONCE_BYTES, cipherText.length);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public PrivateKey open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed.length > MAX_SEALED_BYTES) {
            throw new MalformedEncodingException("sealed key of " + sealed.length + " bytes");
        }
        if (sealed[0] != VERSION) {
            throw new MalformedEncodingException("unknown sealed key version " + sealed[0]);
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        byte[] plain = null;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return Crypto.decodePrivateKey(plain);
        } catch (AEADBadTagException e) {
            throw new MalformedEncodingException("sealed key failed authentication (tampered, or another master key or context)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        // Named explicitly: even if someone registers Bouncy Castle globally, AES stays on the JDK.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(AAD_PREFIX);
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "PrivateKeyVault[AES-256-GCM]";
    }
}
