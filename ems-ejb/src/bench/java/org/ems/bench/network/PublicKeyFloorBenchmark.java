package org.ems.bench.network;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The public-key operations that sign-on and sessions are made of, for the same key lengths as
 * {@link SignOnBenchmark}, run in the same build so the figures sit side by side: key-pair
 * generation (the ECIES ephemeral key), ECDH agreement, ECDSA sign and verify, and the P-521
 * verification of a security server's certificate by the PSS key (the same for either length).
 *
 * <p>Keys are held as the protocols hold them. Bouncy Castle caches precomputation on a public
 * key's point object, which makes a verification with a reused key object several times cheaper
 * than one with a freshly decoded key ({@link #verifyCachedKey} against {@link #verify}). The PSS
 * key lives in the trusted PSS key list across sign-ons, so {@link #verifyP521} reuses one key
 * object; security server and module keys and ECIES ephemeral keys arrive in each message's
 * certificate or body, so {@link #verify} and {@link #agree} decode the key inside the operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublicKeyFloorBenchmark {

    @Param({"P256", "P384"})
    public String keyLength;

    private final byte[] payload = new byte[400];
    private KeyLength length;
    private SecureRandom random;
    private KeyPair keys;
    private byte[] publicKey;
    private byte[] peerPublicKey;
    private PublicKey pssKey;
    private byte[] signature;
    private byte[] pssSignature;

    @Setup
    public void setUp() {
        length = KeyLength.valueOf(keyLength);
        random = new SecureRandom();
        random.nextBytes(payload);
        keys = Crypto.generateKeyPair(length, random);
        KeyPair pss = Crypto.generateKeyPair(KeyLength.P521, random);
        publicKey = keys.getPublic().getEncoded();
        peerPublicKey = Crypto.generateKeyPair(length, random).getPublic().getEncoded();
        pssKey = pss.getPublic();
        signature = Crypto.sign(keys.getPrivate(), payload);
        pssSignature = Crypto.sign(pss.getPrivate(), payload);
    }

    @Benchmark
    public KeyPair generateKeyPair() {
        return Crypto.generateKeyPair(length, random);
    }

    /** As PublicKeyEncryption does it: Bouncy Castle's ECDH with a key decoded from a message, named explicitly. */
    @Benchmark
    public byte[] agree() throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Crypto.provider());
        agreement.init(keys.getPrivate());
        agreement.doPhase(Crypto.decodePublicKey(peerPublicKey), true);
        return agreement.generateSecret();
    }

    @Benchmark
    public byte[] sign() {
        return Crypto.sign(keys.getPrivate(), payload);
    }

    /** A certificate's or update's signature by a key decoded from the message that carried it. */
    @Benchmark
    public boolean verify() {
        return Crypto.verify(Crypto.decodePublicKey(publicKey), payload, signature);
    }

    /** The same verification with one key object reused: shows what Bouncy Castle's per-point cache is worth. */
    @Benchmark
    public boolean verifyCachedKey() {
        return Crypto.verify(keys.getPublic(), payload, signature);
    }

    /** Cert(SS) by the PSS key, one key object from the trusted list. */
    @Benchmark
    public boolean verifyP521() {
        return Crypto.verify(pssKey, payload, pssSignature);
    }
}
