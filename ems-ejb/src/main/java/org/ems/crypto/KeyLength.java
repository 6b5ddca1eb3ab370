package org.ems.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/**
 * The key lengths of the patent's key-length policy, realised as the NIST ECDSA curves. A key
 * is of a length only if it lies on exactly that named curve: comparing the field size alone
 * would let a key on another 256-bit curve pass as P-256.
 */
public enum KeyLength {
    P256(256, "secp256r1", "SHA256withECDSA"),
    P384(384, "secp384r1", "SHA384withECDSA"),
    P521(521, "secp521r1", "SHA512withECDSA");

    private final int bits;
    private final String curveName;
    private final String signatureAlgorithm;

    KeyLength(int bits, String curveName, String signatureAlgorithm) {
        this.bits = bits;
        this.curveName = curveName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public int bits() {
        return bits;
    }

    public String curveName() {
        return curveName;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The order n of the curve's base point (for low-S normalisation of signatures). */
    BigInteger order() {
        return Curves.SPECS.get(this).getOrder();
    }

    /** Whether this length is at least as strong as {@code other}. */
    public boolean isAtLeast(KeyLength other) {
        return bits >= other.bits;
    }

    /** The length with this many bits; {@link IllegalArgumentException} for any other number. */
    public static KeyLength ofBits(int bits) {
        for (KeyLength length : values()) {
            if (length.bits == bits) {
                return length;
            }
        }
        throw new IllegalArgumentException("unsupported key length: " + bits + " bits");
    }

    /** The length of an EC public key on one of the supported curves; else {@link IllegalArgumentException}. */
    public static KeyLength of(PublicKey key) {
        return ofKey(key);
    }

    /** The length of an EC private key on one of the supported curves; else {@link IllegalArgumentException}. */
    public static KeyLength of(PrivateKey key) {
        return ofKey(key);
    }

    private static KeyLength ofKey(Key key) {
        if (!(key instanceof ECKey)) {
            throw new IllegalArgumentException("not an EC key: " + (key == null ? "null" : key.getAlgorithm()));
        }
        ECParameterSpec params = ((ECKey) key).getParams();
        for (KeyLength length : values()) {
            if (sameCurve(params, Curves.SPECS.get(length))) {
                return length;
            }
        }
        throw new IllegalArgumentException("EC key on an unsupported curve");
    }

    private static boolean sameCurve(ECParameterSpec actual, ECParameterSpec expected) {
        return actual != null
                && actual.getCurve().equals(expected.getCurve())
                && actual.getGenerator().equals(expected.getGenerator())
                && actual.getOrder().equals(expected.getOrder())
                && actual.getCofactor() == expected.getCofactor();
    }

    /** Lazy holder: the enum constants must exist before the provider is asked for parameters. */
    private static final class Curves {
        static final Map<KeyLength, ECParameterSpec> SPECS = load();

        private static Map<KeyLength, ECParameterSpec> load() {
            Map<KeyLength, ECParameterSpec> specs = new EnumMap<>(KeyLength.class);
            try {
                for (KeyLength length : values()) {
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", Crypto.provider());
                    parameters.init(new ECGenParameterSpec(length.curveName));
                    specs.put(length, parameters.getParameterSpec(ECParameterSpec.class));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Bouncy Castle lacks a NIST curve", e);
            }
            return specs;
        }
    }
}
