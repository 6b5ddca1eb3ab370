package org.ems.csm.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The claim identifier the CSM gives a claim ("a confirmation number for future reference to
 * the claim", figure 22, steps 2092 and 2124): 128 random bits, unique across CSMs without
 * coordination. Text form: 32 lower-case hex digits.
 */
public record ClaimId(long high, long low) {

    public static ClaimId random(SecureRandom random) {
        return new ClaimId(random.nextLong(), random.nextLong());
    }

    /** Reads {@link #toString()}; anything else: {@link IllegalArgumentException}. */
    public static ClaimId parse(String hex) {
        if (hex == null || hex.length() != 32 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("a claim id is 32 lower-case hex digits");
        }
        return new ClaimId(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
