package org.ems.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds the one canonical byte encoding of a document: the purpose tag first, then fields in
 * a fixed order, big-endian, byte strings and strings length-prefixed. There is exactly one
 * encoding for each value, so that signing and verifying (often on different machines, years
 * apart) see the same bytes. Not thread-safe; use one writer per document.
 *
 * <p>Every put refuses what {@link CanonicalReader} could not read back identically
 * (sub-millisecond instants, unpaired surrogates), so a writer/reader pair always round-trips.
 */
public final class CanonicalWriter {

    /** Upper bound of a whole encoding; far above any document of EMS, it stops runaway writers. */
    public static final int MAX_TOTAL_BYTES = 16 * 1024 * 1024;

    private byte[] buffer = new byte[128];
    private int size;

    public CanonicalWriter(Purpose purpose) {
        putInt(purpose.tag());
    }

    public CanonicalWriter putLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public CanonicalWriter putInt(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Writes the length (int) then the bytes. */
    public CanonicalWriter putBytes(byte[] value) {
        putInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** Writes strict UTF-8, length-prefixed; a string with unpaired surrogates is refused. */
    public CanonicalWriter putString(String value) {
        return putBytes(strictUtf8(value));
    }

    /** Writes epoch milliseconds; an instant with a sub-millisecond part is refused, not truncated. */
    public CanonicalWriter putInstant(Instant value) {
        if (value.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("instant has a sub-millisecond part, truncate it first: " + value);
        }
        try {
            return putLong(value.toEpochMilli());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant out of the epoch-millisecond range: " + value, e);
        }
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed > MAX_TOTAL_BYTES) {
            throw new IllegalStateException("canonical encoding over " + MAX_TOTAL_BYTES + " bytes");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_TOTAL_BYTES, Math.max(needed, 2L * buffer.length)));
        }
    }

    private static byte[] strictUtf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate)", e);
        }
    }
}
