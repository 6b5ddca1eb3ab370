package org.ems.bench.money;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.PSS_ID;
import static org.ems.money.domain.NoteFixtures.PSS_KEY_LIST;
import static org.ems.money.domain.NoteFixtures.usd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.Payee;
import org.ems.money.protocol.PayeeState;
import org.ems.money.protocol.Payer;
import org.ems.money.protocol.PayerState;
import org.ems.money.protocol.PaymentMessage;
import org.ems.money.protocol.PaymentStep;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleRole;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Whole payments per second, in process, one thread, with durable logs: A pays B $3.00 of a
 * $10.00 note it withdrew (generator -> teller -> A), so each payment is one note transfer and
 * the note B receives has 3 transfers. The four steps (payer: transfer the notes, log
 * CONDITIONAL; payee: verify, log, Ready-to-Commit; payer: commit, acknowledge; payee: commit)
 * each write the party's resulting {@code ModuleBook} encoding durably ({@link DurableFile}:
 * write + {@code FileChannel.force(true)}), before the step's message goes on. Messages pass as
 * {@code PaymentMessage}s, so the payee decodes the notes from their wire form. Every payment
 * starts from the same two books (a new conversation each time), so the books do not grow.
 *
 * <p>Floor, measured in the same run ({@link #paymentFloor}): the payer's one signature, the
 * payee's verifies of the received note on freshly decoded keys (3 P-521 + 7 P-256, see
 * {@link SignatureWork}) and four forced writes of the same four encodings to the same files.
 * {@link #signatures} and {@link #forcedWrite} split it. Every benchmark also counts its thread's
 * CPU time ({@link CpuTime}) and the durable ones the time they waited in forced writes
 * ({@link WriteTime}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PaymentBenchmark {

    private Path directory;
    private DurableFile payerFile;
    private DurableFile payeeFile;
    private ModuleBook payerBook;
    private ModuleBook payeeBook;
    private NoteSigner signer;
    private PaymentVerifier verifier;
    private long conversations;
    private Note sent;
    private SignatureWork received;
    private final List<byte[]> stepEncodings = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        directory = DurableFile.directory();
        payerFile = new DurableFile(directory, "payer.book");
        payeeFile = new DurableFile(directory, "payee.book");
        payerBook = ModuleBook.of(NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(A, 1000)));
        payeeBook = ModuleBook.of(NoteDirectory.empty());
        signer = NoteSigner.of(A.cert(), A.keys().getPrivate());
        verifier = PaymentVerifier.of(NoteFixtures.verifier(), B.id(), ModuleRole.TRANSACTION);
        PayeeState done = pay(true);
        sent = done.received().get(0);
        received = new SignatureWork(sent, PSS_KEY_LIST.keyOf(PSS_ID).orElseThrow());
        if (stepEncodings.size() != 4 || sent.records().size() != 3 || !done.book().balance(NoteFixtures.USD).equals(usd(300))) {
            throw new IllegalStateException("the benchmark's payment must go through in four steps");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        payerFile.close();
        payeeFile.close();
        Files.deleteIfExists(directory);
    }

    /** One whole payment; every step durable before its message is delivered. */
    @Benchmark
    public PayeeState payment(CpuTime cpu, WriteTime writes) {
        long before = writeNanos();
        cpu.start();
        PayeeState done = pay(false);
        cpu.stop();
        writes.add(writeNanos() - before);
        return done;
    }

    /** The payment's signature work and forced writes, nothing else. */
    @Benchmark
    public boolean paymentFloor(CpuTime cpu, WriteTime writes) {
        long before = writeNanos();
        cpu.start();
        boolean ok = signatureWork();
        payerFile.store(stepEncodings.get(0));
        payeeFile.store(stepEncodings.get(1));
        payerFile.store(stepEncodings.get(2));
        payeeFile.store(stepEncodings.get(3));
        cpu.stop();
        writes.add(writeNanos() - before);
        return ok;
    }

    /** Part of the floor: the payer's signature and the payee's verifies. */
    @Benchmark
    public boolean signatures(CpuTime cpu) {
        cpu.start();
        boolean ok = signatureWork();
        cpu.stop();
        return ok;
    }

    /** Part of the floor: one forced write of the payer's committed book. */
    @Benchmark
    public void forcedWrite(CpuTime cpu, WriteTime writes) {
        long before = writeNanos();
        cpu.start();
        payerFile.store(stepEncodings.get(2));
        cpu.stop();
        writes.add(writeNanos() - before);
    }

    private long writeNanos() {
        return payerFile.nanos() + payeeFile.nanos();
    }

    private boolean signatureWork() {
        byte[] signature = SignatureWork.signLastRecord(sent, A.keys().getPrivate());
        return received.verifyDecodingKeys() && signature.length > 0;
    }

    private PayeeState pay(boolean record) {
        ConversationId conversation = new ConversationId(++conversations, 0x6d6f6e6579L);
        Payer.Context payerContext = new Payer.Context(conversation, NOW, signer);
        Payee.Context payeeContext = new Payee.Context(conversation, NOW, verifier);
        PayeeState waiting = Payee.expect(payeeContext, payeeBook, A.id(), usd(300));

        PaymentStep<PayerState> notes = Payer.start(payerContext, payerBook, B.id(), usd(300));
        store(payerFile, notes.state().book(), record);
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, waiting, only(notes));
        store(payeeFile, ready.state().book(), record);
        PaymentStep<PayerState> ack = Payer.onMessage(payerContext, notes.state(), only(ready));
        store(payerFile, ack.state().book(), record);
        PaymentStep<PayeeState> commit = Payee.onMessage(payeeContext, ready.state(), only(ack));
        store(payeeFile, commit.state().book(), record);
        if (ack.state().phase() != PayerState.Phase.COMMITTED || commit.state().phase() != PayeeState.Phase.COMMITTED) {
            throw new IllegalStateException("payment ended " + ack.state().phase() + "/" + commit.state().phase());
        }
        return commit.state();
    }

    private void store(DurableFile file, ModuleBook book, boolean record) {
        byte[] encoded = book.encode();
        file.store(encoded);
        if (record) {
            stepEncodings.add(encoded);
        }
    }

    private static PaymentMessage only(PaymentStep<?> step) {
        if (!step.isAccepted() || step.outgoing().size() != 1) {
            throw new IllegalStateException("step " + step.disposition() + " " + step.note() + " sent " + step.outgoing());
        }
        return step.outgoing().get(0);
    }
}
