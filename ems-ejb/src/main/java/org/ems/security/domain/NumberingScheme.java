package org.ems.security.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The patent's Module Numbering Scheme: a secret 48-bit prime p, a primitive root a mod p, and
 * the constant C that masks PSS ids in certificates. Id n has the residue m = a^n mod p, and the
 * range of m tells the role; without p and a nobody can make up an id of a chosen role.
 *
 * <p>Invariants, all checked by the constructor: 2^47 <= p < 2^48; the factors are primes below
 * {@link #MAX_FACTOR} whose product is p-1; a^(p-1) = 1 and a^((p-1)/q) != 1 for every prime q
 * of p-1, i.e. a has order p-1. That last pair is Lucas's primality test, so a valid scheme is a
 * proof that p is prime. Immutable and thread-safe; {@link #toString()} never shows the secrets.
 *
 * <p>Ids are issued without search: the caller takes residues of a role one after another (a
 * counter) and {@link #idFor} takes their discrete logarithm, so ids are unique by construction.
 */
public final class NumberingScheme {

    /** Prime factors of p-1 stay below this so that the baby-step tables stay small. */
    public static final long MAX_FACTOR = 1L << 20;
    static final long LOWEST_PRIME = 1L << 47;
    static final long PRIME_LIMIT = 1L << 48;
    private static final int MAX_FACTORS = 47;
    private static final int MAX_ENCODED_FACTORS_CHARS = 400;

    private final long p;
    private final long a;
    private final long c;
    private final long[] factors;
    private final Mod48 field;
    private final DiscreteLog discreteLog;

    public NumberingScheme(long p, long a, long c, long[] factorsOfPMinus1) {
        if (p < LOWEST_PRIME || p >= PRIME_LIMIT) {
            throw new IllegalArgumentException("p must have exactly 48 bits");
        }
        this.p = p;
        this.factors = checkedFactors(p, factorsOfPMinus1);
        this.field = new Mod48(p);
        checkPrimitiveRoot(a);
        this.a = a;
        if (c == 0) {
            throw new IllegalArgumentException("C = 0 would leave PSS ids unmasked");
        }
        this.c = c;
        this.discreteLog = new DiscreteLog(field, a, factors);
    }

    /** Generates a fresh scheme: see {@link NumberingSchemeGenerator}. */
    public static NumberingScheme generate(java.security.SecureRandom random) {
        return NumberingSchemeGenerator.generate(random);
    }

    public long p() {
        return p;
    }

    public long a() {
        return a;
    }

    public long c() {
        return c;
    }

    /** The prime factors of p-1 with multiplicity, ascending. */
    public long[] factors() {
        return factors.clone();
    }

    /** m = a^n mod p. */
    public long residue(ModuleId n) {
        return field.pow(a, n.value());
    }

    /** Whether n is a valid id (1 <= n < p-1) whose residue lies in the role's range. */
    public boolean isAuthentic(ModuleId id, ModuleRole role) {
        return id.value() < p - 1 && role.contains(residue(id), p);
    }

    /** The role of an id; {@link IllegalArgumentException} if n >= p-1. */
    public ModuleRole roleOf(ModuleId id) {
        if (id.value() >= p - 1) {
            throw new IllegalArgumentException("id outside 1..p-2");
        }
        return ModuleRole.ofResidue(residue(id), p);
    }

    /** The id n with a^n = residue (mod p); the residue must lie in the role's range. */
    public ModuleId idFor(ModuleRole role, long residue) {
        if (!role.contains(residue, p)) {
            throw new IllegalArgumentException("residue " + residue + " is outside the range of " + role);
        }
        ModuleId id = new ModuleId(discreteLog.log(residue));
        if (residue(id) != residue) { // pair assertion: the log must map back
            throw new IllegalStateException("discrete logarithm failed for a residue of " + role);
        }
        return id;
    }

    /** The id masked with C, as certificates carry PSS(id) XOR C. */
    public long mask(ModuleId id) {
        return id.value() ^ c;
    }

    /** Unmasks a masked id; {@link IllegalArgumentException} if the result is no id at all. */
    public ModuleId unmask(long masked) {
        return new ModuleId(masked ^ c);
    }

    /** The factors as "2*3*..." for storage. */
    public String encodeFactors() {
        return Arrays.stream(factors).mapToObj(Long::toString).collect(Collectors.joining("*"));
    }

    /** Parses {@link #encodeFactors()}'s form; primality and product are checked by the constructor. */
    public static long[] decodeFactors(String encoded) {
        if (encoded.isEmpty() || encoded.length() > MAX_ENCODED_FACTORS_CHARS) {
            throw new IllegalArgumentException("encoded factors of " + encoded.length() + " characters");
        }
        String[] parts = encoded.split("\\*", -1);
        if (parts.length > MAX_FACTORS) {
            throw new IllegalArgumentException("more than " + MAX_FACTORS + " factors");
        }
        try {
            return Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a list of factors: " + encoded, e);
        }
    }

    /** Never reveals p, a or C: they are the secret of the whole scheme. */
    @Override
    public String toString() {
        return "NumberingScheme[48-bit p, " + factors.length + " factors, secrets hidden]";
    }

    private static long[] checkedFactors(long p, long[] factorsOfPMinus1) {
        if (factorsOfPMinus1.length == 0 || factorsOfPMinus1.length > MAX_FACTORS) {
            throw new IllegalArgumentException("p-1 needs 1.." + MAX_FACTORS + " factors");
        }
        long[] sorted = factorsOfPMinus1.clone();
        Arrays.sort(sorted);
        long product = 1;
        for (long factor : sorted) {
            if (factor < 2 || factor >= MAX_FACTOR || !isSmallPrime(factor)) {
                throw new IllegalArgumentException("factor " + factor + " is not a prime below " + MAX_FACTOR);
            }
            if (product > (p - 1) / factor) { // the product would exceed p-1 (and could overflow)
                throw new IllegalArgumentException("the factors multiply to more than p-1");
            }
            product *= factor;
        }
        if (product != p - 1) {
            throw new IllegalArgumentException("the factors do not multiply to p-1");
        }
        return sorted;
    }

    private void checkPrimitiveRoot(long candidate) {
        if (candidate < 2 || candidate >= p) {
            throw new IllegalArgumentException("a must lie in 2..p-1");
        }
        if (field.pow(candidate, p - 1) != 1) {
            throw new IllegalArgumentException("a^(p-1) != 1: p is not prime");
        }
        for (long q : factors) {
            if (field.pow(candidate, (p - 1) / q) == 1) {
                throw new IllegalArgumentException("a is not a primitive root mod p");
            }
        }
    }

    /** Trial division; only used for factors below 2^20. */
    static boolean isSmallPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
