package org.ems.security.domain;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Discrete logarithms to the base a (a primitive root mod p) by Pohlig-Hellman: the log is
 * found modulo each prime power q^e of p-1, each digit by baby-step/giant-step in the subgroup
 * of order q, and the pieces are joined by the Chinese remainder theorem. With every q below
 * 2^20 (in practice 2^17) that is a few thousand multiplications: microseconds per id, where a
 * linear search would take up to p steps.
 *
 * <p>All tables are built in the constructor and only read afterwards, and every field is
 * final, so one instance is safe to share between threads.
 */
final class DiscreteLog {

    /** Baby-step table size cap: with q < 2^17 at most 64 giant steps per digit. */
    private static final int MAX_BABY_STEPS = 2048;

    private final Mod48 field;
    private final Mod48 orderRing;
    private final long inverseRoot;
    private final PrimePower[] powers;

    /** @param factors the prime factors of p-1 with multiplicity, sorted ascending */
    DiscreteLog(Mod48 field, long root, long[] factors) {
        this.field = field;
        this.orderRing = new Mod48(field.modulus() - 1);
        this.inverseRoot = field.pow(root, field.modulus() - 2);
        this.powers = groupPrimePowers(factors, root);
    }

    /** The n in [0, p-1) with a^n = residue (mod p), for residue in [1, p). */
    long log(long residue) {
        if (residue < 1 || residue >= field.modulus()) {
            throw new IllegalArgumentException("residue outside 1..p-1: " + residue);
        }
        long n = 0;
        for (PrimePower power : powers) {
            long digits = logModPrimePower(power, residue);
            n += orderRing.mul(digits, power.crtCoefficient);
            if (n >= orderRing.modulus()) {
                n -= orderRing.modulus();
            }
        }
        return n;
    }

    /** log mod q^e, one base-q digit at a time: digit k is the log of (a^-x h)^((p-1)/q^(k+1)). */
    private long logModPrimePower(PrimePower power, long residue) {
        long x = 0;
        long qToK = 1;
        for (int k = 0; k < power.exponent; k++) {
            long stripped = field.mul(residue, field.pow(inverseRoot, x));
            long projected = field.pow(stripped, power.projectionExponents[k]);
            x += power.subgroupLog(field, projected) * qToK;
            qToK *= power.prime;
        }
        return x;
    }

    private PrimePower[] groupPrimePowers(long[] factors, long root) {
        long order = field.modulus() - 1;
        PrimePower[] grouped = new PrimePower[factors.length];
        int count = 0;
        for (int i = 0; i < factors.length; ) {
            int j = i;
            while (j < factors.length && factors[j] == factors[i]) {
                j++;
            }
            grouped[count++] = new PrimePower(field, root, order, factors[i], j - i);
            i = j;
        }
        return Arrays.copyOf(grouped, count);
    }

    /** One q^e of p-1 with its subgroup generator, baby-step table and CRT coefficient. */
    private static final class PrimePower {
        final long prime;
        final int exponent;
        final long[] projectionExponents;
        final long crtCoefficient;
        final LongIntTable babySteps;
        final int babyCount;
        final long giantStep;

        PrimePower(Mod48 field, long root, long order, long prime, int exponent) {
            this.prime = prime;
            this.exponent = exponent;
            this.projectionExponents = new long[exponent];
            long primeToK1 = 1;
            for (int k = 0; k < exponent; k++) {
                primeToK1 *= prime; // q^(k+1) divides p-1, so never overflows
                projectionExponents[k] = order / primeToK1;
            }
            this.crtCoefficient = crtCoefficient(order, primeToK1);
            long generator = field.pow(root, order / prime);
            this.babyCount = (int) Math.min(prime, MAX_BABY_STEPS);
            this.babySteps = new LongIntTable(babyCount);
            long power = 1;
            for (int j = 0; j < babyCount; j++) {
                babySteps.put(power, j);
                power = field.mul(power, generator);
            }
            // giant step = generator^-babyCount = generator^(q - babyCount), since generator^q = 1
            this.giantStep = field.pow(generator, prime - babyCount);
        }

        /** The d in [0, q) with generator^d = y, for y in the subgroup of order q. */
        long subgroupLog(Mod48 field, long y) {
            long current = y;
            long giants = (prime + babyCount - 1) / babyCount;
            for (long i = 0; i < giants; i++) {
                int j = babySteps.get(current);
                if (j >= 0) {
                    return i * babyCount + j;
                }
                current = field.mul(current, giantStep);
            }
            throw new IllegalStateException("element not in the subgroup of order " + prime);
        }

        /** M * (M^-1 mod q^e) mod (p-1), with M = (p-1)/q^e; BigInteger because it runs once. */
        private static long crtCoefficient(long order, long modulus) {
            BigInteger cofactor = BigInteger.valueOf(order / modulus);
            BigInteger inverse = cofactor.modInverse(BigInteger.valueOf(modulus));
            return cofactor.multiply(inverse).mod(BigInteger.valueOf(order)).longValueExact();
        }
    }

    /** Open-addressing map from nonzero long keys to int values; 0 marks an empty slot. */
    private static final class LongIntTable {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        LongIntTable(int entries) {
            int capacity = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) * 2;
            keys = new long[capacity];
            values = new int[capacity];
            mask = capacity - 1;
        }

        void put(long key, int value) {
            int slot = slot(key);
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        }

        /** The value of key, or -1. */
        int get(long key) {
            for (int slot = slot(key); keys[slot] != 0; slot = (slot + 1) & mask) {
                if (keys[slot] == key) {
                    return values[slot];
                }
            }
            return -1;
        }

        private int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }
    }
}
