package org.ems.web.rest.security;

import java.util.Base64;

/** Decodes a base64 field of a request, naming the field when it is not base64. */
final class Base64Field {

    /** Larger values are refused before decoding (TIGER_STYLE: a limit on everything). */
    private static final int MAX_CHARS = 64 * 1024;

    private Base64Field() {
    }

    static byte[] decode(String field, String value) {
        if (value.length() > MAX_CHARS) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_CHARS + " characters");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64: " + e.getMessage());
        }
    }
}
