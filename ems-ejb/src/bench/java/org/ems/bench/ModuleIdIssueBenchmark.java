package org.ems.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issuing module ids: NumberingScheme.idFor (Pohlig-Hellman + baby-step/giant-step discrete
 * log, plus the a^n check of its result) for sequential residues, beside its floor, a single
 * 48-bit modPow (= residue(id), also what every id authenticity check costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ModuleIdIssueBenchmark {

    private NumberingScheme scheme;
    private long transactionResidue;
    private long pssResidue;
    private ModuleId[] ids;
    private int next;

    @Setup
    public void setUp() {
        scheme = NumberingScheme.generate(new SecureRandom());
        transactionResidue = ModuleRole.TRANSACTION.lowestResidue();
        pssResidue = ModuleRole.PRIMARY_SECURITY_SERVER.lowestResidue();
        ids = new ModuleId[1024];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = scheme.idFor(ModuleRole.TRANSACTION, transactionResidue + 1_000_000 + i);
        }
    }

    @Benchmark
    public ModuleId idForTransaction() {
        return scheme.idFor(ModuleRole.TRANSACTION, transactionResidue++);
    }

    @Benchmark
    public ModuleId idForPrimarySecurityServer() {
        if (pssResidue > ModuleRole.PRIMARY_SECURITY_SERVER.highestResidue(scheme.p())) {
            pssResidue = ModuleRole.PRIMARY_SECURITY_SERVER.lowestResidue();
        }
        return scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, pssResidue++);
    }

    /** Floor: one a^n mod p. */
    @Benchmark
    public long modPow() {
        return scheme.residue(ids[next++ & 1023]);
    }
}
