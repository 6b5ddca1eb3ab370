package org.ems.network.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names one run of a protocol (one sign-on, one session) across all its parties: 128 random
 * bits, so ids never collide and cannot be guessed. Each party keys its protocol state by it;
 * every encrypted payload repeats it, so a message from one run never counts in another.
 */
public record ConversationId(long high, long low) {

    public static final int BYTES = 16;

    public static ConversationId random(SecureRandom random) {
        return new ConversationId(random.nextLong(), random.nextLong());
    }

    /** Parses the 32 lowercase hex digits of {@link #toString()}. */
    public static ConversationId parse(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("conversation id must be " + 2 * BYTES + " hex digits");
        }
        return new ConversationId(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
