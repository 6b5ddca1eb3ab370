package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Mod48Test {

    record Case(long modulus, long a, long b) {
    }

    @Property(tries = 5000)
    void mulAgreesWithBigInteger(@ForAll("cases") Case c) {
        Mod48 mod = new Mod48(c.modulus());
        BigInteger expected = BigInteger.valueOf(c.a()).multiply(BigInteger.valueOf(c.b())).mod(BigInteger.valueOf(c.modulus()));
        assertThat(mod.mul(c.a(), c.b())).isEqualTo(expected.longValueExact());
    }

    @Property(tries = 1000)
    void powAgreesWithBigInteger(@ForAll("cases") Case c, @ForAll long exponent) {
        long e = exponent & Long.MAX_VALUE;
        Mod48 mod = new Mod48(c.modulus());
        BigInteger expected = BigInteger.valueOf(c.a()).modPow(BigInteger.valueOf(e), BigInteger.valueOf(c.modulus()));
        assertThat(mod.pow(c.a(), e)).isEqualTo(expected.longValueExact());
    }

    @Test
    void extremesOfTheLargestModulus() {
        long m = (1L << 48) - 1;
        Mod48 mod = new Mod48(m);
        long[] values = {0, 1, 2, m - 2, m - 1, 1L << 47, (1L << 47) - 1, (1L << 24) + 1};
        for (long a : values) {
            for (long b : values) {
                BigInteger expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(m));
                assertThat(mod.mul(a, b)).as("%d * %d", a, b).isEqualTo(expected.longValueExact());
            }
        }
        assertThat(mod.pow(m - 1, 0)).isEqualTo(1);
    }

    @Test
    void refusesModuliOutsideItsRangeAndNegativeExponents() {
        assertThatThrownBy(() -> new Mod48(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mod48(1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mod48(7).pow(3, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discreteLogRefusesResiduesOutside1ToPMinus1() {
        NumberingScheme scheme = TestHierarchy.SCHEME;
        DiscreteLog log = new DiscreteLog(new Mod48(scheme.p()), scheme.a(), scheme.factors());
        assertThat(log.log(1)).isZero();
        assertThat(log.log(scheme.a())).isEqualTo(1);
        assertThatThrownBy(() -> log.log(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.log(scheme.p())).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Case> cases() {
        // moduli anywhere up to 2^48, weighted towards 48-bit ones and operands near the modulus
        Arbitrary<Long> moduli = Arbitraries.oneOf(
                Arbitraries.longs().between(1L << 47, (1L << 48) - 1),
                Arbitraries.longs().between(3, (1L << 48) - 1));
        return moduli.flatMap(m -> Combinators.combine(operand(m), operand(m)).as((a, b) -> new Case(m, a, b)));
    }

    private static Arbitrary<Long> operand(long m) {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, m - 1), Arbitraries.longs().between(Math.max(0, m - 1000), m - 1));
    }
}
