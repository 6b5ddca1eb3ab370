package org.ems.money.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The id of a note ("N12" in the patent), 128 random bits chosen by the money generator: unique
 * across all generators without coordination, and unguessable, so nobody can pre-empt an id.
 */
public record NoteId(long high, long low) implements Comparable<NoteId> {

    public static NoteId random(SecureRandom random) {
        return new NoteId(random.nextLong(), random.nextLong());
    }

    @Override
    public int compareTo(NoteId other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
