package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.TestHierarchy.SCHEME;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NumberingSchemeTest {

    private static final long P = SCHEME.p();

    @Test
    void primeHas48BitsAndIsPrime() {
        assertThat(BigInteger.valueOf(P).bitLength()).isEqualTo(48);
        assertThat(BigInteger.valueOf(P).isProbablePrime(100)).isTrue();
    }

    @Test
    void factorsArePrimesBelowTheLimitAndMultiplyToPMinus1() {
        long product = 1;
        for (long q : SCHEME.factors()) {
            assertThat(BigInteger.valueOf(q).isProbablePrime(100)).as("factor %d", q).isTrue();
            assertThat(q).isLessThan(NumberingScheme.MAX_FACTOR);
            product *= q;
        }
        assertThat(product).isEqualTo(P - 1);
    }

    @Test
    void aIsAPrimitiveRoot() {
        BigInteger p = BigInteger.valueOf(P);
        BigInteger a = BigInteger.valueOf(SCHEME.a());
        assertThat(a.modPow(p.subtract(BigInteger.ONE), p)).isEqualTo(BigInteger.ONE);
        for (long q : SCHEME.factors()) {
            BigInteger exponent = p.subtract(BigInteger.ONE).divide(BigInteger.valueOf(q));
            assertThat(a.modPow(exponent, p)).as("a^((p-1)/%d)", q).isNotEqualTo(BigInteger.ONE);
        }
    }

    @Test
    void everyGenerationYieldsAValidSchemeThatRoundTripsThroughItsFields() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            NumberingScheme scheme = NumberingScheme.generate(random);
            NumberingScheme copy = new NumberingScheme(scheme.p(), scheme.a(), scheme.c(),
                    NumberingScheme.decodeFactors(scheme.encodeFactors()));
            assertThat(BigInteger.valueOf(copy.p()).isProbablePrime(100)).isTrue();
            ModuleId id = copy.idFor(ModuleRole.TELLER, 1_234_567);
            assertThat(scheme.residue(id)).isEqualTo(1_234_567);
        }
    }

    @Property(tries = 300)
    void idForAndResidueRoundTripForEveryRole(@ForAll ModuleRole role, @ForAll("fractions") double position) {
        long lowest = role.lowestResidue();
        long highest = role.highestResidue(P);
        long residue = lowest + (long) (position * (highest - lowest));

        ModuleId id = SCHEME.idFor(role, residue);

        assertThat(SCHEME.residue(id)).isEqualTo(residue);
        assertThat(BigInteger.valueOf(SCHEME.a()).modPow(BigInteger.valueOf(id.value()), BigInteger.valueOf(P)).longValueExact())
                .isEqualTo(residue);
        assertThat(id.value()).isBetween(1L, P - 2);
        assertThat(SCHEME.isAuthentic(id, role)).isTrue();
        assertThat(SCHEME.roleOf(id)).isEqualTo(role);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1), Arbitraries.of(0.0, 1.0));
    }

    @Test
    void sequentialResiduesGiveUniqueIds() {
        Set<ModuleId> ids = new HashSet<>();
        for (ModuleRole role : ModuleRole.values()) {
            for (long residue = role.lowestResidue(); residue < role.lowestResidue() + 2000; residue++) {
                assertThat(ids.add(SCHEME.idFor(role, residue))).isTrue();
            }
        }
        assertThat(ids).hasSize(2000 * ModuleRole.values().length);
    }

    @ParameterizedTest
    @EnumSource(ModuleRole.class)
    void isAuthenticRejectsIdsOfEveryOtherRole(ModuleRole role) {
        for (ModuleRole other : ModuleRole.values()) {
            ModuleId id = SCHEME.idFor(other, other.lowestResidue() + 17);
            assertThat(SCHEME.isAuthentic(id, role)).as("%s id as %s", other, role).isEqualTo(other == role);
        }
    }

    @Test
    void isAuthenticRejectsIdsOutOfRange() {
        assertThat(SCHEME.isAuthentic(new ModuleId(P - 1), ModuleRole.PRIMARY_SECURITY_SERVER)).isFalse(); // a^(p-1) = 1
        for (ModuleRole role : ModuleRole.values()) {
            assertThat(SCHEME.isAuthentic(new ModuleId(P), role)).isFalse();
            long alias = SCHEME.idFor(role, role.lowestResidue()).value() + (P - 1); // same residue
            if (alias < ModuleId.LIMIT) {
                assertThat(SCHEME.residue(new ModuleId(alias))).isEqualTo(role.lowestResidue());
                assertThat(SCHEME.isAuthentic(new ModuleId(alias), role)).as("alias of a valid id mod p-1").isFalse();
            }
            assertThat(SCHEME.isAuthentic(new ModuleId(ModuleId.LIMIT - 1), role)).isFalse();
        }
        assertThatThrownBy(() -> SCHEME.roleOf(new ModuleId(P - 1))).isInstanceOf(IllegalArgumentException.class);
        // id p has the residue a^p = a, which lies in some role's range: still no id
        assertThatThrownBy(() -> SCHEME.roleOf(new ModuleId(P))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idForRefusesResiduesOutsideTheRole() {
        assertThatThrownBy(() -> SCHEME.idFor(ModuleRole.TELLER, 999_999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCHEME.idFor(ModuleRole.TELLER, 7_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCHEME.idFor(ModuleRole.TRANSACTION, P)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRefusesACompositeP() {
        // p-1 = 2 * 3 * ... the product of true primes, but p itself composite: a^(p-1) != 1
        long[] factors = {2, 3, 5, 7, 11, 13, 17, 19, 19, 23, 29, 31, 37};
        long p = Arrays.stream(factors).reduce(1, (x, y) -> x * y) + 1;
        assertThat(BigInteger.valueOf(p).isProbablePrime(50)).isFalse();
        assertThat(p).isBetween(1L << 47, 1L << 48);
        assertThatThrownBy(() -> new NumberingScheme(p, 2, 1, factors)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRefusesANonPrimitiveRoot() {
        long nonRoot = new Mod48(P).mul(SCHEME.a(), SCHEME.a()); // a^2 has order (p-1)/2
        assertThatThrownBy(() -> new NumberingScheme(P, nonRoot, SCHEME.c(), SCHEME.factors()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primitive root");
        assertThatThrownBy(() -> new NumberingScheme(P, 1, SCHEME.c(), SCHEME.factors())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumberingScheme(P, P, SCHEME.c(), SCHEME.factors())).isInstanceOf(IllegalArgumentException.class);
        // a + p is the same root mod p, but not in canonical form
        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a() + P, SCHEME.c(), SCHEME.factors()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2..p-1");
    }

    @Test
    void constructorRefusesAWrongFactorisation() {
        long[] factors = SCHEME.factors();
        long[] missing = Arrays.copyOf(factors, factors.length - 1);
        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a(), SCHEME.c(), missing)).isInstanceOf(IllegalArgumentException.class);

        long[] composite = Arrays.copyOf(factors, factors.length - 1);
        composite[0] = factors[0] * factors[factors.length - 1]; // same product, one composite factor
        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a(), SCHEME.c(), composite)).isInstanceOf(IllegalArgumentException.class);

        long[] extra = Arrays.copyOf(factors, factors.length + 1);
        extra[factors.length] = 3;
        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a(), SCHEME.c(), extra))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than p-1");

        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a(), SCHEME.c(), new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs");
    }

    @Test
    void constructorRefusesPOutside48BitsAndCZero() {
        assertThatThrownBy(() -> new NumberingScheme(1_000_003, 2, 1, new long[] {2, 3, 166_667}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumberingScheme(P, SCHEME.a(), 0, SCHEME.factors())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factorsEncodeAndDecode() {
        assertThat(NumberingScheme.decodeFactors(SCHEME.encodeFactors())).containsExactly(SCHEME.factors());
        assertThat(SCHEME.encodeFactors()).startsWith("2*");
        assertThatThrownBy(() -> NumberingScheme.decodeFactors("2*x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberingScheme.decodeFactors("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberingScheme.decodeFactors("2*".repeat(300) + "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("601 characters");
        assertThatThrownBy(() -> NumberingScheme.decodeFactors("2*".repeat(60) + "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 47");
    }

    @Test
    void maskingRoundTripsAndToStringKeepsTheSecrets() {
        ModuleId id = SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 42);
        assertThat(SCHEME.unmask(SCHEME.mask(id))).isEqualTo(id);
        assertThat(SCHEME.mask(id)).isNotEqualTo(id.value());
        assertThat(SCHEME.toString()).doesNotContain(Long.toString(P), Long.toString(SCHEME.a()), Long.toString(SCHEME.c()));
    }
}
