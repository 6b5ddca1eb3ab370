package org.ems.money.protocol;

import java.util.Objects;
import org.ems.network.domain.SecretValue;

/**
 * Figure 9, steps 1680-1700: which of the two transfers of a foreign exchange between modules A
 * and B is committed first. X is the parity of R(A) XOR R(B) (every bit XORed together), the
 * random numbers of Establish Session, which both modules know and neither chose alone;
 * S(0) = A, S(1) = B, and the transfer S(X) to S(not X) commits first (DESIGN.md invariant 3).
 * {@link FxParty} runs the exchange in this order.
 */
public final class FxCommitOrder {

    /** The two parties of the exchange: A the module that starts it (whichever side of the session it is), B its peer. */
    public enum Side {
        A, B;

        public Side other() {
            return this == A ? B : A;
        }
    }

    private FxCommitOrder() {
    }

    /** X: the parity of R(A) XOR R(B). */
    public static int parity(SecretValue ra, SecretValue rb) {
        Objects.requireNonNull(ra, "ra");
        Objects.requireNonNull(rb, "rb");
        int bits = 0;
        for (byte b : ra.xor(rb).bytes()) {
            bits += Integer.bitCount(b & 0xff);
        }
        return bits & 1;
    }

    /** S(X): the transferor whose transfer is committed first. */
    public static Side firstTransferor(SecretValue ra, SecretValue rb) {
        return parity(ra, rb) == 0 ? Side.A : Side.B;
    }
}
