package org.ems.bank.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PIN as the bank keeps it: PBKDF2WithHmacSHA256 over the PIN with a per-account random
 * 16-byte salt. The clear PIN is never stored, never in {@link #toString()}, and the caller's
 * char array is the only copy (the spec's copy is cleared after use). Comparison is constant-time.
 * The iteration count is stored with the hash so the bank can raise it for new PINs later.
 */
public final class PinHash {

    /** Production work factor: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** No stored hash below this is accepted; tests may use it to stay fast. */
    public static final int MIN_ITERATIONS = 10_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;
    public static final int MIN_PIN_DIGITS = 4;
    public static final int MAX_PIN_DIGITS = 12;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final byte[] salt;
    private final byte[] hash;
    private final int iterations;

    public PinHash(byte[] salt, byte[] hash, int iterations) {
        if (salt == null || salt.length != SALT_BYTES || hash == null || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("PIN hash needs a " + SALT_BYTES + "-byte salt and " + HASH_BYTES + "-byte hash");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PIN hash iterations outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        this.salt = salt.clone();
        this.hash = hash.clone();
        this.iterations = iterations;
    }

    /** Hashes a new PIN (4-12 digits) with a fresh random salt. */
    public static PinHash create(char[] pin, SecureRandom random, int iterations) {
        requireWellFormed(pin);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PIN hash iterations outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        return new PinHash(salt, derive(pin, salt, iterations), iterations);
    }

    /**
     * Whether {@code pin} is this PIN. A malformed PIN is simply wrong, and is hashed anyway so
     * that its timing tells nothing.
     */
    public boolean matches(char[] pin) {
        char[] candidate = pin == null || !isWellFormed(pin) ? new char[] {'x'} : pin;
        byte[] derived = derive(candidate, salt, iterations);
        return MessageDigest.isEqual(derived, hash) && candidate == pin;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    public int iterations() {
        return iterations;
    }

    private static void requireWellFormed(char[] pin) {
        if (pin == null || !isWellFormed(pin)) {
            throw new IllegalArgumentException("a PIN is " + MIN_PIN_DIGITS + "-" + MAX_PIN_DIGITS + " digits");
        }
    }

    private static boolean isWellFormed(char[] pin) {
        if (pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinHash p && iterations == p.iterations
                && Arrays.equals(salt, p.salt) && MessageDigest.isEqual(hash, p.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }

    /** Never shows the hash or salt: neither belongs in a log. */
    @Override
    public String toString() {
        return "PinHash[PBKDF2WithHmacSHA256, " + iterations + " iterations]";
    }
}
