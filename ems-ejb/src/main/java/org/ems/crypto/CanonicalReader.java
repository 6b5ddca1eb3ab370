package org.ems.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what {@link CanonicalWriter} wrote, refusing anything else: a different purpose tag,
 * truncated data, a length over its limit, invalid UTF-8, and (at {@link #end()}) trailing
 * bytes. Every refusal is a {@link MalformedEncodingException}. Not thread-safe.
 */
public final class CanonicalReader {

    /** Default limit of one length-prefixed field; callers with bigger fields pass their own. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Default limit of one string, in UTF-8 bytes. */
    public static final int DEFAULT_MAX_STRING_BYTES = 4 * 1024;

    private final byte[] data;
    private int position;

    /** Copies the data (the caller may reuse its array) and checks the purpose tag. */
    public CanonicalReader(byte[] data, Purpose expected) {
        this.data = data.clone();
        int tag = getInt();
        if (tag != expected.tag()) {
            throw new MalformedEncodingException("expected purpose " + expected + " (" + expected.tag() + ") but found tag " + tag);
        }
    }

    /** The purpose named by the first four bytes, without reading further. */
    public static Purpose peekPurpose(byte[] data) {
        if (data.length < Integer.BYTES) {
            throw new MalformedEncodingException("too short for a purpose tag: " + data.length + " bytes");
        }
        int tag = ((data[0] & 0xFF) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        return Purpose.ofTag(tag);
    }

    public long getLong() {
        require(Long.BYTES);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public int getInt() {
        require(Integer.BYTES);
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    /** A length-prefixed byte string of at most {@link #DEFAULT_MAX_BYTES}. */
    public byte[] getBytes() {
        return getBytes(DEFAULT_MAX_BYTES);
    }

    /** A length-prefixed byte string of at most {@code maxLength} bytes. */
    public byte[] getBytes(int maxLength) {
        int length = getInt();
        if (length < 0 || length > maxLength) {
            throw new MalformedEncodingException("field length " + length + " outside 0.." + maxLength);
        }
        require(length);
        byte[] value = new byte[length];
        System.arraycopy(data, position, value, 0, length);
        position += length;
        return value;
    }

    public String getString() {
        return getString(DEFAULT_MAX_STRING_BYTES);
    }

    /** A strict UTF-8 string of at most {@code maxBytes} encoded bytes. */
    public String getString(int maxBytes) {
        byte[] bytes = getBytes(maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEncodingException("string is not valid UTF-8", e);
        }
    }

    public Instant getInstant() {
        return Instant.ofEpochMilli(getLong());
    }

    public int remaining() {
        return data.length - position;
    }

    /** Asserts that everything was read: trailing bytes would be unsigned-for data riding along. */
    public void end() {
        if (position != data.length) {
            throw new MalformedEncodingException(remaining() + " trailing bytes");
        }
    }

    private void require(int count) {
        if (count > data.length - position) {
            throw new MalformedEncodingException("truncated: need " + count + " bytes, " + remaining() + " left");
        }
    }
}
