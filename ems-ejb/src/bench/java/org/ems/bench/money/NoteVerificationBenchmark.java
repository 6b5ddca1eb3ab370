package org.ems.bench.money;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.PSS_ID;
import static org.ems.money.domain.NoteFixtures.PSS_KEY_LIST;
import static org.ems.money.domain.NoteFixtures.TELLER;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteHistory;
import org.ems.money.domain.NoteVerifier;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link NoteVerifier} on one note whose history has {@code transfers} transfers (records),
 * beside its floor measured in the same run: the ECDSA verifies it performs
 * ({@link SignatureWork}: n P-521 for the Cert(SS) of each transferor, n P-256 for each Cert(M),
 * n + 1 P-256 for the body and the records; the certificate validator caches nothing).
 *
 * <p>The note: generator to teller (1 transfer), teller to A (2), then A and B pass the whole
 * note back and forth. The payee is its last holder (the teller for 1 transfer, a transaction
 * module otherwise, so expiry and bad-ID checks run too). Hierarchy of {@link NoteFixtures}: PSS
 * P-521, security server and modules P-256.
 *
 * <ul>
 * <li>{@link #verify}: the note as decoded once (its key objects reused across calls), and
 * {@link #verifyFloor}: the same verifies on the same key objects.
 * <li>{@link #decodeAndVerify}: what a payee does with a received note: decode its wire form, then
 * verify; {@link #decodeAndVerifyFloor}: decode each certificate's two keys, then the verifies.
 * </ul>
 * Each also counts its thread's CPU time ({@link CpuTime}): the figures to compare under load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NoteVerificationBenchmark {

    @Param({"1", "2", "4", "8", "16", "32", "64"})
    public int transfers;

    private NoteVerifier verifier;
    private byte[] encoded;
    private Note note;
    private ModuleId payee;
    private ModuleRole payeeRole;
    private Money total;
    private SignatureWork floor;

    @Setup
    public void setUp() {
        Note built = chain(transfers);
        encoded = built.encoded();
        note = Note.decode(encoded);
        payee = note.holder();
        payeeRole = transfers == 1 ? ModuleRole.TELLER : ModuleRole.TRANSACTION;
        total = note.receivedAmount();
        verifier = NoteFixtures.verifier();
        floor = new SignatureWork(note, PSS_KEY_LIST.keyOf(PSS_ID).orElseThrow());
        verify(new CpuTime());    // must pass
        decodeAndVerify(new CpuTime());
        if (note.records().size() != transfers || floor.p521Verifies() != 1) {
            throw new IllegalStateException("the note must have " + transfers + " transfers");
        }
    }

    /** generator -> teller [-> A [-> B -> A ...]], the whole note each time, 60 s apart. */
    static Note chain(int transfers) {
        Note note = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), NoteFixtures.body(1000, NoteFixtures.EXPIRES_AT),
                TELLER.id());
        NoteFixtures.Party holder = TELLER;
        for (int i = 1; i < transfers; i++) {
            NoteFixtures.Party next = holder == A ? B : A;
            note = NoteFixtures.pay(note, holder, next, 1000, 1);
            holder = next;
        }
        return note;
    }

    @Benchmark
    public Note verify(CpuTime cpu) {
        cpu.start();
        verifier.verifyPayment(List.of(note), total, payee, payeeRole, NOW, NoteHistory.empty());
        cpu.stop();
        return note;
    }

    @Benchmark
    public boolean verifyFloor(CpuTime cpu) {
        cpu.start();
        boolean ok = floor.verifyWithKeys();
        cpu.stop();
        return ok;
    }

    @Benchmark
    public Note decodeAndVerify(CpuTime cpu) {
        cpu.start();
        Note received = Note.decode(encoded);
        verifier.verifyPayment(List.of(received), total, payee, payeeRole, NOW, NoteHistory.empty());
        cpu.stop();
        return received;
    }

    @Benchmark
    public boolean decodeAndVerifyFloor(CpuTime cpu) {
        cpu.start();
        boolean ok = floor.verifyDecodingKeys();
        cpu.stop();
        return ok;
    }
}
