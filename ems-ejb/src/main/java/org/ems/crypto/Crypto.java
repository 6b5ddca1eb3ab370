package org.ems.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Key pairs and ECDSA signatures through one Bouncy Castle provider instance, passed explicitly
 * to every getInstance: it is never registered with {@code Security.addProvider}, so nothing
 * else in the server changes behaviour, and the JDK's SunEC (6-12x slower here) is never
 * picked by accident.
 *
 * <p>{@link Signature} objects are not thread-safe, so every call takes a fresh one. A
 * per-thread cache was measured ({@code SignatureCacheBenchmark}, BENCHMARKS.md): no
 * difference beyond noise, because creating a BC Signature costs well under 1% of an ECDSA
 * operation; and a ThreadLocal holding provider classes in the server's pooled threads would
 * pin the application's class loader after an undeploy.
 */
public final class Crypto {

    /** Encoded keys are about 100-250 bytes; anything far larger is not a key of ours. */
    public static final int MAX_ENCODED_KEY_BYTES = 1024;

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Crypto() {
    }

    /** The single Bouncy Castle provider of EMS; pass it explicitly, never register it. */
    public static Provider provider() {
        return PROVIDER;
    }

    public static KeyPair generateKeyPair(KeyLength length, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
            generator.initialize(new ECGenParameterSpec(length.curveName()), random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate " + length, e);
        }
    }

    /**
     * Signs with the algorithm that belongs to the key's length (SHA-256/384/512 with ECDSA),
     * as strict DER with a low S (see {@link #verify}).
     */
    public static byte[] sign(PrivateKey key, byte[] payload) {
        KeyLength length = KeyLength.of(key);
        Signature signature = newSignature(length);
        try {
            signature.initSign(key);
            signature.update(payload);
            return LowS.normalise(length, signature.sign());
        } catch (InvalidKeyException | SignatureException e) {
            throw new IllegalArgumentException("cannot sign with this key", e);
        }
    }

    /**
     * Whether {@code signature} is a valid signature of {@code payload} by {@code key}. A
     * malformed signature is simply not valid: false, never an exception. A key that is not
     * an EC key of a supported curve is a programming error: {@link IllegalArgumentException}.
     *
     * <p>Only strict DER with a low S (s <= n/2) is valid. ECDSA signatures are otherwise
     * malleable: anyone can turn (r, s) into (r, n-s), a different byte string that verifies
     * too, so a relayed message could dodge duplicate detection keyed on its bytes.
     */
    public static boolean verify(PublicKey key, byte[] payload, byte[] signatureBytes) {
        KeyLength length = KeyLength.of(key);
        if (!LowS.isLowS(length, signatureBytes)) {
            return false;
        }
        Signature signature = newSignature(length);
        try {
            signature.initVerify(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("cannot verify with this key", e);
        }
        try {
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        }
    }

    /** Decodes an X.509 SubjectPublicKeyInfo of a supported curve; {@link IllegalArgumentException} on anything else. */
    public static PublicKey decodePublicKey(byte[] x509SubjectPublicKeyInfo) {
        requireKeySize(x509SubjectPublicKeyInfo);
        try {
            PublicKey key = KeyFactory.getInstance("EC", PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(x509SubjectPublicKeyInfo));
            KeyLength.of(key);
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an EC public key of a supported curve", e);
        }
    }

    /** Decodes a PKCS#8 private key of a supported curve; {@link IllegalArgumentException} on anything else. */
    public static PrivateKey decodePrivateKey(byte[] pkcs8) {
        requireKeySize(pkcs8);
        try {
            PrivateKey key = KeyFactory.getInstance("EC", PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            KeyLength.of(key);
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an EC private key of a supported curve", e);
        }
    }

    private static void requireKeySize(byte[] encoded) {
        if (encoded.length == 0 || encoded.length > MAX_ENCODED_KEY_BYTES) {
            throw new IllegalArgumentException("encoded key of " + encoded.length + " bytes");
        }
    }

    /** A fresh Signature of the length's algorithm from the EMS provider (not thread-safe: one per use). */
    public static Signature newSignature(KeyLength length) {
        try {
            return Signature.getInstance(length.signatureAlgorithm(), PROVIDER);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Bouncy Castle lacks " + length.signatureAlgorithm(), e);
        }
    }
}
