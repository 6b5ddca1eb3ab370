package org.ems.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Low-S form of DER ECDSA signatures: of the two valid signatures (r, s) and (r, n-s) only the
 * one with s <= n/2 is accepted, so a signature's bytes cannot be changed by a third party.
 * Bouncy Castle's DER decoder is strict (it re-encodes and compares), so no other encoding
 * variant passes either.
 */
final class LowS {

    private LowS() {
    }

    /** The signature in low-S form (unchanged if it already is). */
    static byte[] normalise(KeyLength length, byte[] der) {
        BigInteger n = length.order();
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, der);
            if (rs[1].compareTo(n.shiftRight(1)) <= 0) {
                return der;
            }
            return StandardDSAEncoding.INSTANCE.encode(n, rs[0], n.subtract(rs[1]));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("the provider produced a signature that is not DER", e);
        }
    }

    /** Whether the bytes are strict DER (r, s) with 0 < r, s and s <= n/2; false for anything malformed. */
    static boolean isLowS(KeyLength length, byte[] der) {
        BigInteger n = length.order();
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, der);
            return rs[1].signum() > 0 && rs[1].compareTo(n.shiftRight(1)) <= 0;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
