package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** PINs are kept as salted PBKDF2 hashes only. */
class PinHashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theSamePinGetsADifferentSaltAndHashPerAccount() {
        PinHash a = PinHash.create("123456".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS);
        PinHash b = PinHash.create("123456".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a.matches("123456".toCharArray())).isTrue();
        assertThat(b.matches("123456".toCharArray())).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void wrongAndMalformedPinsDoNotMatch() {
        PinHash hash = PinHash.create("0000".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS);
        for (String wrong : new String[] {"0001", "00000", "000", "abcd", "0000000000000"}) {
            assertThat(hash.matches(wrong.toCharArray())).as(wrong).isFalse();
        }
        assertThat(hash.matches(null)).isFalse();
    }

    @Test
    void aMalformedNewPinOrWorkFactorIsRefused() {
        assertThatThrownBy(() -> PinHash.create("12a4".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("12a4");
        assertThatThrownBy(() -> PinHash.create("1234".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PinHash(new byte[15], new byte[32], PinHash.MIN_ITERATIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNeitherPinNorSaltNorHash() {
        PinHash hash = PinHash.create("98765".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS);
        assertThat(hash.toString()).doesNotContain("98765")
                .doesNotContain(HexFormat.of().formatHex(hash.hash()))
                .doesNotContain(HexFormat.of().formatHex(hash.salt()));
    }

    @Test
    void theStoredFormIsEnoughToCheckAgain() {
        PinHash original = PinHash.create("2468".toCharArray(), RANDOM, PinHash.MIN_ITERATIONS);
        PinHash reloaded = new PinHash(original.salt(), original.hash(), original.iterations());
        assertThat(reloaded.matches("2468".toCharArray())).isTrue();
        assertThat(reloaded).isEqualTo(original);
    }
}
