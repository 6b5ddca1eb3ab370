package org.ems.crypto;

/**
 * Bytes that do not decode as what the reader expected: wrong purpose tag, truncated, trailing
 * bytes, a length over its limit, invalid UTF-8, or sealed bytes that fail authentication.
 * Unchecked because every caller's answer is the same: reject the input and change nothing.
 */
public final class MalformedEncodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEncodingException(String message) {
        super(message);
    }

    public MalformedEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
