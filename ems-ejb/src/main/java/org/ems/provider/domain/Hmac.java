package org.ems.provider.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with a 32-byte key, and the constant-time comparison every check uses. */
public final class Hmac {

    public static final int KEY_BYTES = 32;
    public static final int TAG_BYTES = 32;

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] data) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an HMAC key is " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time in the length of {@code expected}; a null or short candidate is simply unequal. */
    public static boolean matches(byte[] expected, byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(expected, candidate);
    }
}
