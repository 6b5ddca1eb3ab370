package org.ems.bench.money;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.PSS_ID;
import static org.ems.money.domain.NoteFixtures.PSS_KEY_LIST;
import static org.ems.money.domain.NoteFixtures.SS_CERT;

import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.ems.crypto.Crypto;
import org.ems.security.domain.Certificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The single ECDSA operations the money floors are made of, on the keys of {@code NoteFixtures}
 * (PSS P-521, security server and modules P-256), with their CPU time ({@link CpuTime}), so a
 * floor of {@link NoteVerificationBenchmark}, {@link PaymentBenchmark} or {@link FxBenchmark}
 * can be split into its parts: per transfer one {@link #verifyP521}, two P-256 verifies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EcdsaFloorBenchmark {

    private PublicKey pssKey;
    private byte[] ssPayload;
    private byte[] ssSignature;
    private PublicKey ssKey;
    private byte[] ssKeyBytes;
    private byte[] certPayload;
    private byte[] certSignature;

    @Setup
    public void setUp() {
        pssKey = PSS_KEY_LIST.keyOf(PSS_ID).orElseThrow();
        ssPayload = SS_CERT.signedPayload();
        ssSignature = SS_CERT.signature();
        Certificate cert = A.cert();
        ssKey = cert.issuerCertificate().orElseThrow().publicKey();
        ssKeyBytes = ssKey.getEncoded();
        certPayload = cert.signedPayload();
        certSignature = cert.signature();
        if (!verifyP521(new CpuTime()) || !verifyP256(new CpuTime()) || !verifyP256DecodedKey(new CpuTime())) {
            throw new IllegalStateException("the certificates must verify");
        }
    }

    /** Cert(SS) by the PSS key (one key object from the trusted list). */
    @Benchmark
    public boolean verifyP521(CpuTime cpu) {
        cpu.start();
        boolean ok = Crypto.verify(pssKey, ssPayload, ssSignature);
        cpu.stop();
        return ok;
    }

    /** Cert(M) by the security server's key, the key object reused (a note held in memory). */
    @Benchmark
    public boolean verifyP256(CpuTime cpu) {
        cpu.start();
        boolean ok = Crypto.verify(ssKey, certPayload, certSignature);
        cpu.stop();
        return ok;
    }

    /** The same with the key decoded first (a note just received). */
    @Benchmark
    public boolean verifyP256DecodedKey(CpuTime cpu) {
        cpu.start();
        boolean ok = Crypto.verify(Crypto.decodePublicKey(ssKeyBytes), certPayload, certSignature);
        cpu.stop();
        return ok;
    }

    /** A transfer's signature (P-256). */
    @Benchmark
    public byte[] signP256(CpuTime cpu) {
        cpu.start();
        byte[] signature = Crypto.sign(A.keys().getPrivate(), certPayload);
        cpu.stop();
        return signature;
    }
}
