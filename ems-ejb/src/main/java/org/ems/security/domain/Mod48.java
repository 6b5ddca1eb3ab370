package org.ems.security.domain;

/**
 * Arithmetic modulo m < 2^48. A product of two residues has up to 96 bits and overflows a long,
 * so {@link #mul} estimates the quotient in floating point and corrects it exactly:
 *
 * <p>with a, b < m < 2^48, q' = (long) (a * b * (1/m)) computed in doubles has relative error
 * below 3 * 2^-53, so |q' - ab/m| < 2^48 * 3 * 2^-53 < 0.1 and q' is floor(ab/m) give or take 1.
 * Then ab - q'm lies in [-m, 2m), which fits a long, and long arithmetic (exact modulo 2^64)
 * yields it exactly; one correction step lands in [0, m). The modulus need not be prime.
 * Property-tested against BigInteger.
 */
final class Mod48 {

    static final long LIMIT = 1L << 48;

    private final long modulus;
    private final double inverse;

    Mod48(long modulus) {
        if (modulus < 3 || modulus >= LIMIT) {
            throw new IllegalArgumentException("modulus outside 3..2^48-1: " + modulus);
        }
        this.modulus = modulus;
        this.inverse = 1.0 / modulus;
    }

    long modulus() {
        return modulus;
    }

    /** a * b mod m, for a and b in [0, m). */
    long mul(long a, long b) {
        long quotient = (long) ((double) a * (double) b * inverse);
        long remainder = a * b - quotient * modulus;
        if (remainder < 0) {
            remainder += modulus;
        } else if (remainder >= modulus) {
            remainder -= modulus;
        }
        return remainder;
    }

    /** base^exponent mod m, for base in [0, m) and exponent >= 0 (left-to-right square and multiply). */
    long pow(long base, long exponent) {
        if (exponent < 0) {
            throw new IllegalArgumentException("negative exponent " + exponent);
        }
        long result = 1;
        for (int bit = 63 - Long.numberOfLeadingZeros(exponent); bit >= 0; bit--) {
            result = mul(result, result);
            if (((exponent >>> bit) & 1) != 0) {
                result = mul(result, base);
            }
        }
        return result;
    }

    /** x mod m into [0, m) for any long x. */
    long reduce(long x) {
        return Math.floorMod(x, modulus);
    }
}
