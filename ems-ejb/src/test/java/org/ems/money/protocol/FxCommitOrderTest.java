package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.ems.network.domain.SecretValue;
import org.junit.jupiter.api.Test;

class FxCommitOrderTest {

    private static SecretValue withBits(int... bitIndexes) {
        byte[] bytes = new byte[SecretValue.BYTES];
        for (int bit : bitIndexes) {
            bytes[bit / 8] |= (byte) (1 << (bit % 8));
        }
        return SecretValue.of(bytes);
    }

    @Test
    void parityOfTheXorDecides() {
        SecretValue zero = withBits();
        assertThat(FxCommitOrder.firstTransferor(zero, zero)).isEqualTo(FxCommitOrder.Side.A);
        assertThat(FxCommitOrder.firstTransferor(withBits(3), zero)).isEqualTo(FxCommitOrder.Side.B);
        assertThat(FxCommitOrder.firstTransferor(withBits(3), withBits(3))).isEqualTo(FxCommitOrder.Side.A);
        assertThat(FxCommitOrder.firstTransferor(withBits(0, 255), withBits(17))).isEqualTo(FxCommitOrder.Side.B);
        assertThat(FxCommitOrder.parity(withBits(1, 2, 3), withBits(200))).isZero();
    }

    @Test
    void bothSidesComputeTheSameOrderAndEitherComesFirst() {
        SecureRandom random = new SecureRandom();
        Map<FxCommitOrder.Side, Integer> counts = new EnumMap<>(FxCommitOrder.Side.class);
        for (int i = 0; i < 2_000; i++) {
            SecretValue ra = SecretValue.random(random);
            SecretValue rb = SecretValue.random(random);
            FxCommitOrder.Side first = FxCommitOrder.firstTransferor(ra, rb);
            assertThat(FxCommitOrder.firstTransferor(rb, ra)).isEqualTo(first);
            // One party flipping one bit of its R flips the order: neither can choose it alone.
            byte[] flipped = ra.bytes();
            flipped[i % SecretValue.BYTES] ^= 1;
            assertThat(FxCommitOrder.firstTransferor(SecretValue.of(flipped), rb)).isEqualTo(first.other());
            counts.merge(first, 1, Integer::sum);
        }
        assertThat(counts.get(FxCommitOrder.Side.A)).isBetween(800, 1200);
        assertThat(counts.get(FxCommitOrder.Side.B)).isBetween(800, 1200);
    }
}
