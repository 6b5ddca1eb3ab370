package org.ems.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why Crypto takes a fresh Signature per call: the same P-256 sign and verify through Crypto
 * (fresh instance, plus the low-S check) beside a thread-local cached instance. If the cache
 * were clearly faster it would be worth its class-loader-leak risk in the server; it is not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureCacheBenchmark {

    private static final ThreadLocal<Signature> CACHED = ThreadLocal.withInitial(() -> Crypto.newSignature(KeyLength.P256));

    private final byte[] payload = "a canonical payload of typical certificate size, give or take".repeat(4)
            .getBytes(StandardCharsets.UTF_8);
    private KeyPair keys;
    private byte[] signature;

    @Setup
    public void setUp() {
        keys = Crypto.generateKeyPair(KeyLength.P256, new SecureRandom());
        signature = Crypto.sign(keys.getPrivate(), payload);
    }

    @Benchmark
    public boolean verifyPerCall() {
        return Crypto.verify(keys.getPublic(), payload, signature);
    }

    @Benchmark
    public boolean verifyThreadLocal() throws GeneralSecurityException {
        Signature verifier = CACHED.get();
        verifier.initVerify(keys.getPublic());
        verifier.update(payload);
        return verifier.verify(signature);
    }

    @Benchmark
    public byte[] signPerCall() {
        return Crypto.sign(keys.getPrivate(), payload);
    }

    @Benchmark
    public byte[] signThreadLocal() throws GeneralSecurityException {
        Signature signer = CACHED.get();
        signer.initSign(keys.getPrivate());
        signer.update(payload);
        return signer.sign();
    }
}
