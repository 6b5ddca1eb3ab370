package org.ems.bench.provider;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteVerifier;
import org.ems.provider.domain.CallbackPurpose;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.security.domain.Certificate;
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
 * Day-end merchant settlement of the provider scheme (JP H9-147043 figure 8) with the e-money as
 * EMS notes: 10,000 merchant terminals with 100 sales each settle one after the other, in one
 * thread, on the domain objects over in-memory stores ({@link ProviderDay}: no database, no JMS,
 * no bank host). One invocation = the whole day. The notes (100,000 issues, one card each, each
 * note paid in 10 sales to 10 terminals) are signed once per trial; a fresh day over them (issues
 * unsettled, every terminal holding its notes encoded) is built before each iteration, outside the
 * timing.
 *
 * <p>Beside it, measured in the same run, the floor: the cryptography one settlement cannot do
 * without, times 10,000, on the primitives ({@code Crypto.verify}, JCA) with inputs of the same
 * size: per note the 4 ECDSA P-256 verifies of {@code NoteVerifier} (the generator's body
 * signature, the generator's, the teller's and the card's transfer records); per packet of at most
 * 64 notes (2 per terminal) the certificates, each distinct signature once: Cert(SS) by the PSS key
 * (P-521) and every distinct Cert(M) by the security server's key (P-256: generator, teller and the
 * packet's cards, 104 per terminal); 2 HMAC-SHA256 over the call (the terminal's answer and the
 * host's check), the settlement's digest (1 SHA-256 per note over its encoding, 1 over the list), 4 AES-GCM opens of keys and the
 * PIN at rest (terminal's and host's copy of the callback key, provider PIN, bank PIN key) and 1
 * AES-GCM seal (the PIN block).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class MerchantSettlementBenchmark {

    /** 10,000; a smaller day for a quick check of the benchmark itself: {@code -jvmArgsAppend -Dbench.provider.terminals=100}. */
    static final int TERMINALS = Integer.getInteger("bench.provider.terminals", 10_000);
    static final int SALES = 100;

    /** The signed notes of the day, made once per trial. */
    @State(Scope.Benchmark)
    public static class Signed {
        ProviderDay.Notes notes;

        @Setup(Level.Trial)
        public void sign() {
            notes = new ProviderDay.Notes(TERMINALS, SALES);
        }
    }

    /** A business day with every terminal's sales held, built afresh for each iteration. */
    @State(Scope.Thread)
    public static class Day {
        ProviderDay day;
        long paid;

        @Setup(Level.Iteration)
        public void open(Signed signed) {
            day = null;
            System.gc();
            day = new ProviderDay(signed.notes);
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (paid != (long) TERMINALS * SALES * ProviderDay.PIECE_MINOR) {
                throw new IllegalStateException("paid " + paid);
            }
            day.check();
        }
    }

    /** The inputs of the floor: one terminal's settlement, reused (the cost of these primitives does not depend on content). */
    @State(Scope.Thread)
    public static class Floor {
        final SecureRandom random = new SecureRandom();
        byte[] callbackKey = new byte[32];
        byte[] masterKey = new byte[32];
        byte[] pinKey = new byte[32];
        /** The note signatures one terminal's notes carry: key, signed bytes, signature. */
        final List<PublicKey> noteKeys = new ArrayList<>();
        final List<byte[]> notePayloads = new ArrayList<>();
        final List<byte[]> noteSignatures = new ArrayList<>();
        /** A certificate's signature by the security server (P-256) and Cert(SS)'s by the PSS (P-521), same sizes. */
        PublicKey ssKey;
        byte[] certPayload;
        byte[] certSignature;
        PublicKey pssKey;
        byte[] ssCertPayload;
        byte[] ssCertSignature;
        int certChecks;
        int packets;
        byte[] callInput;
        /** The notes as encoded: the settlement's digest hashes each. */
        final List<byte[]> encodedNotes = new ArrayList<>();
        byte[] digestInput;
        byte[][] sealedAtRest = new byte[4][];
        byte[] pinAad;
        Mac mac;

        @Setup(Level.Trial)
        public void setUp(Signed signed) throws GeneralSecurityException {
            random.nextBytes(callbackKey);
            random.nextBytes(masterKey);
            random.nextBytes(pinKey);
            ProviderDay.Notes notes = signed.notes;
            Note[] sales = notes.sales[0];
            CanonicalWriter digest = new CanonicalWriter(Purpose.PROVIDER_SETTLEMENT_DIGEST).putLong(SALES * ProviderDay.PIECE_MINOR)
                    .putString(ProviderDay.JPY).putInt(SALES);
            for (int from = 0; from < sales.length; from += NoteVerifier.MAX_NOTES_PER_PAYMENT) {
                packets++;
                Set<Certificate> distinct = new HashSet<>();
                for (int s = from; s < Math.min(sales.length, from + NoteVerifier.MAX_NOTES_PER_PAYMENT); s++) {
                    distinct.addAll(sales[s].certificates());
                }
                certChecks += distinct.size();
            }
            for (Note note : sales) {
                noteKeys.add(note.certificates().get(0).publicKey());
                notePayloads.add(note.body().encoded());
                noteSignatures.add(note.bodySignature());
                for (int i = 0; i < note.records().size(); i++) {
                    noteKeys.add(note.certificates().get(i).publicKey());
                    notePayloads.add(note.signedPayloadOf(i));
                    noteSignatures.add(note.records().get(i).signature());
                }
                EmoneyPiece piece = new EmoneyPiece(note);
                encodedNotes.add(piece.encoded());
                digest.putString(piece.pieceId()).putBytes(MessageDigest.getInstance("SHA-256").digest(piece.encoded()))
                        .putLong(ProviderDay.PIECE_MINOR);
            }
            digestInput = digest.toBytes();
            Certificate card = sales[0].certificates().get(2);
            ssKey = notes.ssKeys.getPublic();
            certPayload = new byte[card.encoded().length];
            random.nextBytes(certPayload);
            certSignature = Crypto.sign(notes.ssKeys.getPrivate(), certPayload);
            pssKey = notes.pssKeys.getPublic();
            ssCertPayload = new byte[notes.ssCert.encoded().length];
            random.nextBytes(ssCertPayload);
            ssCertSignature = Crypto.sign(notes.pssKeys.getPrivate(), ssCertPayload);
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            callInput = new CanonicalWriter(Purpose.PROVIDER_CALLBACK_ANSWER).putString(UUID.randomUUID().toString()).putString("M000001")
                    .putInt(CallbackPurpose.SETTLEMENT.code()).putString("stl/M000001/20261130/1").putBytes(nonce)
                    .putInstant(Instant.parse("2026-11-30T23:00:00Z")).toBytes();
            // the at-rest values as AtRestCipher stores them: owner and value under the purpose's tag
            sealedAtRest[0] = sealed(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, ProviderDay.terminalOwner("M000001"), callbackKey);
            sealedAtRest[1] = sealed(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, ProviderDay.hostOwner("M000001"), callbackKey);
            sealedAtRest[2] = sealed(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, "provider-account-pin/BANKA", "7000".getBytes());
            sealedAtRest[3] = sealed(Purpose.BANK_PIN_KEY_AT_REST, "bank-pin-key/BANKA", pinKey);
            pinAad = new CanonicalWriter(Purpose.BANK_PIN_KEY_AT_REST).putString("BANKA").putString(UUID.randomUUID().toString()).toBytes();
            mac = Mac.getInstance("HmacSHA256");
            if (noteKeys.size() != SALES * 4) {
                throw new IllegalStateException(noteKeys.size() + " note signatures");
            }
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

    @Benchmark
    public long cryptoFloor(Floor f) throws GeneralSecurityException {
        Purpose[] purposes = {Purpose.PROVIDER_TERMINAL_KEY_AT_REST, Purpose.PROVIDER_TERMINAL_KEY_AT_REST,
            Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, Purpose.BANK_PIN_KEY_AT_REST};
        long sink = 0;
        long verified = 0;
        byte[] nonce = new byte[SymmetricCipher.NONCE_BYTES];
        byte[] pin = "7000".getBytes();
        for (int t = 0; t < TERMINALS; t++) {
            for (int i = 0; i < purposes.length; i++) {
                sink += SymmetricCipher.open(f.masterKey, purposes[i], f.sealedAtRest[i]).length;
            }
            f.mac.init(new SecretKeySpec(f.callbackKey, "HmacSHA256"));
            sink += f.mac.doFinal(f.callInput)[0];
            sink += f.mac.doFinal(f.callInput)[0];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] encoded : f.encodedNotes) {
                sink += sha.digest(encoded)[0];
            }
            sink += sha.digest(f.digestInput)[0];
            for (int p = 0; p < f.packets; p++) {
                verified += Crypto.verify(f.pssKey, f.ssCertPayload, f.ssCertSignature) ? 1 : 0;
            }
            for (int c = 0; c < f.certChecks; c++) {
                verified += Crypto.verify(f.ssKey, f.certPayload, f.certSignature) ? 1 : 0;
            }
            for (int n = 0; n < f.noteKeys.size(); n++) {
                verified += Crypto.verify(f.noteKeys.get(n), f.notePayloads.get(n), f.noteSignatures.get(n)) ? 1 : 0;
            }
            f.random.nextBytes(nonce);
            sink += SymmetricCipher.encrypt(f.pinKey, nonce, f.pinAad, pin).length;
        }
        long expected = (long) TERMINALS * (f.packets + f.certChecks + f.noteKeys.size());
        if (verified != expected) {
            throw new IllegalStateException("a floor signature did not verify");
        }
        return sink + verified;
    }
}
