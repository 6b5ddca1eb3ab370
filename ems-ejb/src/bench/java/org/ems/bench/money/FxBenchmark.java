package org.ems.bench.money;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.EXPIRES_AT;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.ISSUED_AT;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.PSS_ID;
import static org.ems.money.domain.NoteFixtures.PSS_KEY_LIST;
import static org.ems.money.domain.NoteFixtures.RANDOM;
import static org.ems.money.domain.NoteFixtures.TELLER;
import static org.ems.money.domain.NoteFixtures.usd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.FxCommitOrder;
import org.ems.money.protocol.FxParty;
import org.ems.money.protocol.FxState;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.NoteSigner;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Whole foreign exchanges per second (figure 9 after the amounts are agreed), in process, one
 * thread, with durable logs: A gives $3.00 of a $10.00 note for £2.00 of B's £10.00 note (each
 * note generator -> teller -> holder, so each received note has 3 transfers). {@code first} is
 * S(X), the side whose transfer commits first: with B first the exchange takes 6 steps (A
 * transfers; B verifies, transfers; A verifies, Log Updated; B commits, Ready-to-Commit; A
 * commits both, acknowledges; B commits), with A first 7 (B answers Log Updated with Start
 * Commit). Every step writes its party's resulting {@code ModuleBook} encoding durably
 * ({@link DurableFile}: write + {@code FileChannel.force(true)}), including the steps that only
 * change the phase. Messages pass as {@code PaymentMessage}s (notes decoded from their wire form);
 * every exchange starts from the same two books.
 *
 * <p>Floor, measured in the same run ({@link #exchangeFloor}): two signatures (one transfer each
 * way), two received notes verified on freshly decoded keys (2 x (3 P-521 + 7 P-256)), and the
 * same forced writes of the same encodings. {@link #signatures} is its signature part. Every
 * benchmark also counts its thread's CPU time ({@link CpuTime}), the durable ones also the time
 * they waited in forced writes ({@link WriteTime}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FxBenchmark {

    private static final CurrencyCode GBP = CurrencyCode.of("GBP");

    @Param({"B", "A"})
    public String first;

    private FxCommitOrder.Side firstSide;
    private Path directory;
    private DurableFile fileA;
    private DurableFile fileB;
    private ModuleBook bookA;
    private ModuleBook bookB;
    private NoteSigner signerA;
    private NoteSigner signerB;
    private PaymentVerifier verifierA;
    private PaymentVerifier verifierB;
    private long conversations;
    private Note sentByA;
    private Note sentByB;
    private SignatureWork receivedByA;
    private SignatureWork receivedByB;
    private final List<byte[]> stepEncodings = new ArrayList<>();
    private final List<Boolean> stepByA = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        firstSide = FxCommitOrder.Side.valueOf(first);
        directory = DurableFile.directory();
        fileA = new DurableFile(directory, "a.book");
        fileB = new DurableFile(directory, "b.book");
        bookA = ModuleBook.of(NoteDirectory.empty().withReceived(withdrawn(A, usd(1000))));
        bookB = ModuleBook.of(NoteDirectory.empty().withReceived(withdrawn(B, Money.of(GBP, 1000))));
        signerA = NoteSigner.of(A.cert(), A.keys().getPrivate());
        signerB = NoteSigner.of(B.cert(), B.keys().getPrivate());
        verifierA = PaymentVerifier.of(NoteFixtures.verifier(), A.id(), ModuleRole.TRANSACTION);
        verifierB = PaymentVerifier.of(NoteFixtures.verifier(), B.id(), ModuleRole.TRANSACTION);
        FxState[] done = exchange(true);
        sentByA = done[1].received().get(0);
        sentByB = done[0].received().get(0);
        receivedByA = new SignatureWork(sentByB, PSS_KEY_LIST.keyOf(PSS_ID).orElseThrow());
        receivedByB = new SignatureWork(sentByA, PSS_KEY_LIST.keyOf(PSS_ID).orElseThrow());
        int steps = firstSide == FxCommitOrder.Side.B ? 6 : 7;
        if (stepEncodings.size() != steps || !done[0].book().balance(GBP).equals(Money.of(GBP, 200))
                || !done[1].book().balance(NoteFixtures.USD).equals(usd(300))) {
            throw new IllegalStateException("the benchmark's exchange must go through in " + steps + " steps");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        fileA.close();
        fileB.close();
        Files.deleteIfExists(directory);
    }

    /** One whole exchange; every step durable before its message is delivered. Returns {A, B}. */
    @Benchmark
    public FxState[] exchange(CpuTime cpu, WriteTime writes) {
        long before = writeNanos();
        cpu.start();
        FxState[] done = exchange(false);
        cpu.stop();
        writes.add(writeNanos() - before);
        return done;
    }

    /** The exchange's signature work and forced writes, nothing else. */
    @Benchmark
    public boolean exchangeFloor(CpuTime cpu, WriteTime writes) {
        long before = writeNanos();
        cpu.start();
        boolean ok = signatureWork();
        for (int i = 0; i < stepEncodings.size(); i++) {
            (stepByA.get(i) ? fileA : fileB).store(stepEncodings.get(i));
        }
        cpu.stop();
        writes.add(writeNanos() - before);
        return ok;
    }

    private long writeNanos() {
        return fileA.nanos() + fileB.nanos();
    }

    /** Part of the floor: one signature and one received note's verifies for each side. */
    @Benchmark
    public boolean signatures(CpuTime cpu) {
        cpu.start();
        boolean ok = signatureWork();
        cpu.stop();
        return ok;
    }

    private boolean signatureWork() {
        byte[] a = SignatureWork.signLastRecord(sentByA, A.keys().getPrivate());
        byte[] b = SignatureWork.signLastRecord(sentByB, B.keys().getPrivate());
        return receivedByB.verifyDecodingKeys() & receivedByA.verifyDecodingKeys() && a.length > 0 && b.length > 0;
    }

    private FxState[] exchange(boolean record) {
        ConversationId conversation = new ConversationId(++conversations, 0x6578636841L);
        FxParty.Context contextA = new FxParty.Context(conversation, NOW, signerA, verifierA);
        FxParty.Context contextB = new FxParty.Context(conversation, NOW, signerB, verifierB);
        FxState b = FxParty.expectB(contextB, bookB, A.id(), Money.of(GBP, 200), usd(300), firstSide);
        PaymentStep<FxState> step = FxParty.startA(contextA, bookA, B.id(), usd(300), Money.of(GBP, 200), firstSide);
        FxState a = stored(step, true, record);
        boolean toB = true;
        while (!step.outgoing().isEmpty()) {
            PaymentMessage message = only(step);
            step = FxParty.onMessage(toB ? contextB : contextA, toB ? b : a, message);
            if (toB) {
                b = stored(step, false, record);
            } else {
                a = stored(step, true, record);
            }
            toB = !toB;
        }
        if (a.phase() != FxState.Phase.COMMITTED || b.phase() != FxState.Phase.COMMITTED) {
            throw new IllegalStateException("exchange ended " + a.phase() + "/" + b.phase());
        }
        return new FxState[] {a, b};
    }

    private FxState stored(PaymentStep<FxState> step, boolean byA, boolean record) {
        if (!step.isAccepted()) {
            throw new IllegalStateException("step " + step.disposition() + ": " + step.note());
        }
        byte[] encoded = step.state().book().encode();
        (byA ? fileA : fileB).store(encoded);
        if (record) {
            stepEncodings.add(encoded);
            stepByA.add(byA);
        }
        return step.state();
    }

    private static PaymentMessage only(PaymentStep<FxState> step) {
        if (step.outgoing().size() != 1) {
            throw new IllegalStateException("step sent " + step.outgoing());
        }
        return step.outgoing().get(0);
    }

    /** generator -> teller -> holder, the whole note, in the amount's currency. */
    private static Note withdrawn(NoteFixtures.Party holder, Money amount) {
        NoteBody body = new NoteBody(NoteId.random(RANDOM), GENERATOR.id(), "BANK-1", ISSUED_AT, EXPIRES_AT, amount, NoteType.CURRENCY);
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), body, TELLER.id());
        return issued.transfer(TELLER.cert(), TELLER.keys().getPrivate(), holder.id(), amount, ISSUED_AT.plusSeconds(60), 1);
    }
}
