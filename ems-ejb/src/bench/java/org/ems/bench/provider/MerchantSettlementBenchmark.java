package org.ems.bench.provider;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.provider.domain.CallbackPurpose;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Day-end merchant settlement of the provider scheme (JP H9-147043 figure 8): 10,000 merchant
 * terminals with 100 sales each settle one after the other, in one thread, on the domain objects
 * over in-memory stores ({@link ProviderDay}: no database, no JMS, no bank host). One invocation =
 * the whole day (a fresh day is built before each iteration, outside the timing).
 *
 * <p>Beside it, measured in the same run, the floor: the cryptography one settlement cannot do
 * without, times 10,000, on the raw JCA primitives with the same inputs: 100 HMAC-SHA256
 * authenticator checks (one per piece, the issuing key initialised once), 2 HMAC-SHA256 over the
 * call (the terminal's answer and the host's check), 1 SHA-256 over the presented pieces (the
 * settlement's digest), 5 AES-GCM opens of keys and the PIN at rest (terminal's and host's copy of
 * the callback key, issuing key, provider PIN, bank PIN key) and 1 AES-GCM seal (the PIN block).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MerchantSettlementBenchmark {

    static final int TERMINALS = 10_000;
    static final int SALES = 100;

    /** A business day with every terminal's sales held, built afresh for each iteration. */
    @State(Scope.Thread)
    public static class Day {
        ProviderDay day;
        long paid;

        @Setup(Level.Iteration)
        public void open() {
            day = null;
            System.gc();
            day = new ProviderDay(TERMINALS, SALES);
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (paid != (long) TERMINALS * SALES * ProviderDay.PIECE_MINOR) {
                throw new IllegalStateException("paid " + paid);
            }
            day.check();
        }
    }

    /** The inputs of the floor: one settlement's bytes, reused (the cost of these primitives does not depend on content). */
    @State(Scope.Thread)
    public static class Floor {
        final SecureRandom random = new SecureRandom();
        byte[] issuingKey = new byte[32];
        byte[] callbackKey = new byte[32];
        byte[] masterKey = new byte[32];
        byte[] pinKey = new byte[32];
        List<byte[]> authenticatorInputs = new ArrayList<>();
        byte[] callInput;
        byte[] digestInput;
        byte[][] sealedAtRest = new byte[5][];
        byte[] pinAad;
        Mac mac;
        List<org.ems.provider.domain.EmoneyIssue> issues = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            random.nextBytes(issuingKey);
            random.nextBytes(callbackKey);
            random.nextBytes(masterKey);
            random.nextBytes(pinKey);
            CanonicalWriter digest = new CanonicalWriter(Purpose.PROVIDER_SETTLEMENT_DIGEST).putInt(SALES);
            for (int i = 0; i < SALES; i++) {
                String serial = UUID.randomUUID().toString();
                authenticatorInputs.add(new CanonicalWriter(Purpose.PROVIDER_EMONEY_AUTHENTICATOR).putString(serial)
                        .putLong(ProviderDay.ISSUE_MINOR).putString(ProviderDay.JPY).toBytes());
                byte[] authenticator = new byte[32];
                random.nextBytes(authenticator);
                digest.putString(UUID.randomUUID().toString()).putString(serial).putLong(ProviderDay.ISSUE_MINOR)
                        .putString(ProviderDay.JPY).putBytes(authenticator).putLong(ProviderDay.PIECE_MINOR);
            }
            digestInput = digest.toBytes();
            for (int i = 0; i < SALES; i++) {
                issues.add(org.ems.provider.domain.EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(),
                        org.ems.bank.domain.LedgerAmount.of(ProviderDay.ISSUE_MINOR, ProviderDay.JPY)));
            }
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            callInput = new CanonicalWriter(Purpose.PROVIDER_CALLBACK_ANSWER).putString(UUID.randomUUID().toString()).putString("M000001")
                    .putInt(CallbackPurpose.SETTLEMENT.code()).putString("stl/M000001/20261130/1").putBytes(nonce)
                    .putInstant(Instant.parse("2026-11-30T23:00:00Z")).toBytes();
            // the at-rest values as AtRestCipher stores them: owner and value under the purpose's tag
            sealedAtRest[0] = sealed(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, ProviderDay.terminalOwner("M000001"), callbackKey);
            sealedAtRest[1] = sealed(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, ProviderDay.hostOwner("M000001"), callbackKey);
            sealedAtRest[2] = sealed(Purpose.PROVIDER_ISSUING_KEY_AT_REST, "provider-host/issuing", issuingKey);
            sealedAtRest[3] = sealed(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, "provider-account-pin/BANKA", "7000".getBytes());
            sealedAtRest[4] = sealed(Purpose.BANK_PIN_KEY_AT_REST, "bank-pin-key/BANKA", pinKey);
            pinAad = new CanonicalWriter(Purpose.BANK_PIN_KEY_AT_REST).putString("BANKA").putString(UUID.randomUUID().toString()).toBytes();
            mac = Mac.getInstance("HmacSHA256");
        }

        private byte[] sealed(Purpose purpose, String owner, byte[] value) {
            return SymmetricCipher.seal(masterKey, purpose, new CanonicalWriter(purpose).putString(owner).putBytes(value).toBytes(), random);
        }
    }

    @Benchmark
    public long settleTheDay(Day day) {
        day.paid = day.day.settleAll();
        return day.paid;
    }

    /**
     * Attribution, not a floor: the 1,000,000 authenticator checks as the host makes them
     * ({@code EmoneyIssue.isGenuine}: canonical encoding, a fresh {@code Mac} per check).
     */
    @Benchmark
    public long authenticatorChecksAsCalled(Floor f) {
        long genuine = 0;
        for (int t = 0; t < TERMINALS; t++) {
            for (org.ems.provider.domain.EmoneyIssue issue : f.issues) {
                genuine += issue.isGenuine(f.issuingKey) ? 1 : 0;
            }
        }
        if (genuine != (long) TERMINALS * SALES) {
            throw new IllegalStateException(genuine + " genuine");
        }
        return genuine;
    }

    @Benchmark
    public long cryptoFloor(Floor f) throws GeneralSecurityException {
        Purpose[] purposes = {Purpose.PROVIDER_TERMINAL_KEY_AT_REST, Purpose.PROVIDER_TERMINAL_KEY_AT_REST,
            Purpose.PROVIDER_ISSUING_KEY_AT_REST, Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, Purpose.BANK_PIN_KEY_AT_REST};
        long sink = 0;
        byte[] nonce = new byte[SymmetricCipher.NONCE_BYTES];
        byte[] pin = "7000".getBytes();
        for (int t = 0; t < TERMINALS; t++) {
            for (int i = 0; i < purposes.length; i++) {
                sink += SymmetricCipher.open(f.masterKey, purposes[i], f.sealedAtRest[i]).length;
            }
            f.mac.init(new SecretKeySpec(f.callbackKey, "HmacSHA256"));
            sink += f.mac.doFinal(f.callInput)[0];
            sink += f.mac.doFinal(f.callInput)[0];
            sink += MessageDigest.getInstance("SHA-256").digest(f.digestInput)[0];
            f.mac.init(new SecretKeySpec(f.issuingKey, "HmacSHA256"));
            for (byte[] input : f.authenticatorInputs) {
                sink += f.mac.doFinal(input)[0];
            }
            f.random.nextBytes(nonce);
            sink += SymmetricCipher.encrypt(f.pinKey, nonce, f.pinAad, pin).length;
        }
        return sink;
    }
}
