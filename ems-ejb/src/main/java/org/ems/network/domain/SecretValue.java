package org.ems.network.domain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;

/**
 * 32 random bytes: the patent's R, R(A), R(B), K, V and verification messages, and the session
 * keys made from them by XOR (an AES-256 key). Compared in constant time, never printed.
 */
public final class SecretValue {

    public static final int BYTES = 32;

    private final byte[] value;

    private SecretValue(byte[] value) {
        if (value.length != BYTES) {
            throw new IllegalArgumentException("a secret value has " + BYTES + " bytes, not " + value.length);
        }
        this.value = value.clone();
    }

    public static SecretValue random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new SecretValue(bytes);
    }

    public static SecretValue of(byte[] bytes) {
        return new SecretValue(bytes);
    }

    /** The patent's session key: R(A) XOR R (sign-on) or R(A) XOR R(B) (sessions). */
    public SecretValue xor(SecretValue other) {
        byte[] result = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            result[i] = (byte) (value[i] ^ other.value[i]);
        }
        return new SecretValue(result);
    }

    public byte[] bytes() {
        return value.clone();
    }

    public void write(CanonicalWriter writer) {
        writer.putBytes(value);
    }

    public static SecretValue read(CanonicalReader reader) {
        byte[] bytes = reader.getBytes(BYTES);
        if (bytes.length != BYTES) {
            throw new MalformedEncodingException("secret value of " + bytes.length + " bytes");
        }
        return new SecretValue(bytes);
    }

    /** Constant time: a verification message must not leak how many of its bytes were right. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SecretValue[hidden]";
    }
}
