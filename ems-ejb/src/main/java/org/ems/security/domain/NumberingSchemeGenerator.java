package org.ems.security.domain;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a fresh numbering scheme. The prime is built as p = 2 * q1 * ... * qk + 1 from random
 * small primes, retried until p is prime; so the factorisation of p-1 is known by construction
 * and both the primitive-root test and the discrete logarithms stay cheap. The primes qi are
 * 12 to 16 bits, except the last which fills p up to 48 bits (below 2^17).
 */
final class NumberingSchemeGenerator {

    private static final int MAX_ATTEMPTS = 100_000;
    private static final long PARTIAL_PRODUCT_TARGET = 1L << 31;

    private NumberingSchemeGenerator() {
    }

    static NumberingScheme generate(SecureRandom random) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long[] factors = candidateFactors(random);
            if (factors.length == 0) {
                continue;
            }
            long p = product(factors) + 1;
            // only a quick screen: the constructor's Lucas test is the proof
            if (BigInteger.valueOf(p).isProbablePrime(40)) {
                Mod48 field = new Mod48(p);
                long a = findPrimitiveRoot(field, factors, random);
                return new NumberingScheme(p, a, nonZeroLong(random), factors);
            }
        }
        throw new IllegalStateException("no 48-bit prime found in " + MAX_ATTEMPTS + " attempts");
    }

    /** 2 * small primes * one last prime such that the product + 1 has 48 bits; empty if none fits. */
    private static long[] candidateFactors(SecureRandom random) {
        List<Long> factors = new ArrayList<>();
        factors.add(2L);
        long product = 2;
        while (product < PARTIAL_PRODUCT_TARGET) {
            long q = nextPrime(4096 + random.nextInt(65536 - 4096));
            factors.add(q);
            product *= q;
        }
        long lowest = ceilDiv(NumberingScheme.LOWEST_PRIME - 1, product);
        long highest = (NumberingScheme.PRIME_LIMIT - 2) / product;
        long last = nextPrime(Math.max(2, lowest + (long) (random.nextDouble() * (highest - lowest + 1))));
        if (last > highest || last < lowest) {
            return new long[0];
        }
        factors.add(last);
        return factors.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long findPrimitiveRoot(Mod48 field, long[] factors, SecureRandom random) {
        long p = field.modulus();
        // phi(p-1)/(p-1) = prod(1 - 1/q), about 1/2 here, of all candidates succeed
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long candidate = 2 + Math.floorMod(random.nextLong(), p - 3);
            boolean primitive = true;
            for (long q : factors) {
                primitive &= field.pow(candidate, (p - 1) / q) != 1;
            }
            if (primitive) {
                return candidate;
            }
        }
        throw new IllegalStateException("no primitive root found in " + MAX_ATTEMPTS + " attempts");
    }

    private static long nextPrime(long from) {
        long n = from;
        while (!NumberingScheme.isSmallPrime(n)) {
            n++;
        }
        return n;
    }

    private static long product(long[] factors) {
        long product = 1;
        for (long factor : factors) {
            product = Math.multiplyExact(product, factor);
        }
        return product;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    private static long nonZeroLong(SecureRandom random) {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }
}
