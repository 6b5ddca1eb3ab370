package org.ems.bench.settlement;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.money.application.PaymentFixture;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.GrossFixture;
import org.ems.settlement.gross.InstructionView;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;
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
 * Benchmark (b) of issue 5: one gross PvP settlement between two CSAs end to end in the JTA
 * harness (Hibernate + Derby XA + Narayana, one transaction per step as in the container), one
 * thread: the instruction is submitted with its settlement time now, the timer port's call decides
 * it (both CSAs ready), and the Settle Foreign Exchange runs to both sides' notifications, every
 * protocol message delivered by the commit-queue transport in its own transaction. Two-way, two
 * currencies: A sends USD 12.00 (one note), B sends EUR 10.00 (one note); every received note has
 * three transfers (generator -> teller -> holder -> peer). {@code Mode.SampleTime}: JMH samples
 * every call's latency and reports p50/p90/p99; one thread runs settlements back to back, so
 * settlements per second = 1 / mean.
 *
 * <p>Before each call, outside the timing ({@code Level.Invocation}): the CSAs are funded with
 * one fresh note each and the notes received by the last settlement are taken out, so every
 * settlement sees the same holdings; every {@link #SETTLEMENTS_PER_PAIR} settlements a new pair of
 * modules signs on and opens a session, so the append-only transaction logs stay short.
 *
 * <p>Floors, measured in the same run: {@link #cryptoFloor} is the ECDSA a settlement cannot
 * avoid: 2 P-256 signatures (one transfer record each way) and the two received notes' verifies
 * on freshly decoded keys, 1 P-521 (Cert(SS) by the PSS key) + 7 P-256 (3 Cert(M), the body, 3
 * records) each; {@link #oneTransaction} is a transaction that stores one row in the same
 * harness. A settlement runs {@code transactionsPerSettlement} transactions (printed at setup):
 * floor = cryptoFloor + that many oneTransaction. The harness's Derby is in memory and Narayana
 * commits one resource in one phase, so nothing here waits for a forced write; a durable database
 * adds one log force per transaction. Each benchmark prints its thread's CPU time per call after
 * every iteration ("cpu ms/op").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GrossSettlementBenchmark {

    static final int SETTLEMENTS_PER_PAIR = 20;
    private static final CurrencyCode USD = PaymentFixture.USD;
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final SettlementAmounts A_SENDS = SettlementAmounts.ofCurrency(Money.of(USD, 1200));
    private static final SettlementAmounts B_SENDS = SettlementAmounts.ofCurrency(Money.of(EUR, 1000));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GrossFixture f;
    private ModuleId a;
    private ModuleId b;
    private ConversationId session;
    private int onPair;
    private long instructions;
    private SettlementInstruction next;
    private List<NoteFloor> received;
    private KeyPair signer;
    private Note sentByA;
    private Note sentByB;
    private int lastDeliveries;
    private long cpuNanos;
    private long calls;

    @Setup(Level.Trial)
    public void setUp() {
        f = new GrossFixture("gross-bench");
        newPair();
        prepare();
        settle();
        int transactions = 2 + lastDeliveries;
        HeldNote usdAtB = only(f.pay.security.tx(() -> f.pay.custody.notes(b)), USD);
        HeldNote eurAtA = only(f.pay.security.tx(() -> f.pay.custody.notes(a)), EUR);
        sentByA = usdAtB.note();
        sentByB = eurAtA.note();
        PublicKey pss = pssKeyOf(sentByA.certificates().get(0));
        received = List.of(new NoteFloor(sentByA, pss), new NoteFloor(sentByB, pss));
        signer = Crypto.generateKeyPair(KeyLength.P256, f.pay.security.random);
        System.out.printf("%nsettlement: %d transactions (submit, decide, %d deliveries); received notes: %d and %d transfers; "
                        + "floor verifies per note: %d P-521 + %d P-256%n", transactions, transactions - 2, sentByA.records().size(),
                sentByB.records().size(), received.get(0).p521, received.get(0).p256);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        f.close();
    }

    @Setup(Level.Iteration)
    public void resetCpu() {
        cpuNanos = 0;
        calls = 0;
    }

    @TearDown(Level.Iteration)
    public void printCpu() {
        if (calls > 0) {
            System.out.printf("%n  cpu ms/op %.3f over %d calls%n", cpuNanos / 1e6 / calls, calls);
        }
    }

    /** Outside the timing, before each settlement only: fresh notes, the last one's received notes taken out, a new pair now and then. */
    @State(Scope.Thread)
    public static class Next {
        @Setup(Level.Invocation)
        public void prepare(GrossSettlementBenchmark bench) {
            bench.prepare();
        }
    }

    void prepare() {
        if (onPair >= SETTLEMENTS_PER_PAIR) {
            newPair();
        }
        f.pay.security.txRun(() -> {
            f.pay.custody.takeOut(a, EUR);
            f.pay.custody.takeOut(b, USD);
        });
        f.pay.fund(a, USD, 1200);
        f.pay.fund(b, EUR, 1000);
        f.notifications.clear();
        f.scheduled.clear();
        f.pay.transport.sent.clear();
        next = new SettlementInstruction(new InstructionId("bench-" + ++instructions), SettlementBasis.GROSS, a, b, session, A_SENDS,
                B_SENDS, f.pay.security.clock.instant());
        onPair++;
    }

    /** One settlement: submit, decide at the settlement time, Settle FX until both sides are notified. */
    @Benchmark
    public InstructionView settlement(Next prepared) {
        long started = THREADS.getCurrentThreadCpuTime();
        InstructionView done = settle();
        count(started);
        return done;
    }

    /** The signatures and verifies of one settlement's two note transfers, nothing else. */
    @Benchmark
    public boolean cryptoFloor() {
        long started = THREADS.getCurrentThreadCpuTime();
        boolean ok = signAndVerify();
        count(started);
        return ok;
    }

    /** One transaction of the harness storing one row. */
    @Benchmark
    public void oneTransaction() {
        long started = THREADS.getCurrentThreadCpuTime();
        f.commitOneRow();
        count(started);
    }

    private void count(long started) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
        calls++;
    }

    private InstructionView settle() {
        f.submit(next);
        f.settleAtTime(next.id());
        lastDeliveries = f.pay.pump();
        InstructionView done = f.view(next.id());
        if (done.phase() != InstructionPhase.SUCCEEDED || f.notifications.size() != 2) {
            throw new IllegalStateException("settlement " + next.id() + " ended " + done);
        }
        return done;
    }

    private boolean signAndVerify() {
        byte[] byA = Crypto.sign(signer.getPrivate(), sentByA.signedPayloadOf(sentByA.records().size() - 1));
        byte[] byB = Crypto.sign(signer.getPrivate(), sentByB.signedPayloadOf(sentByB.records().size() - 1));
        return received.get(0).verify() & received.get(1).verify() && byA.length > 0 && byB.length > 0;
    }

    private void newPair() {
        a = f.pay.signedOnModule();
        b = f.pay.signedOnModule();
        session = f.pay.session(a, b);
        onPair = 0;
    }

    private PublicKey pssKeyOf(Certificate moduleCert) {
        Certificate ss = moduleCert.issuerCertificate().orElseThrow();
        Map<ModuleId, PublicKey> keys = f.pay.security.tx(() -> f.pay.security.trust.pssKeys().keys());
        return keys.values().stream().filter(k -> Crypto.verify(k, ss.signedPayload(), ss.signature())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no PSS key verifies " + ss));
    }

    private static HeldNote only(List<HeldNote> notes, CurrencyCode currency) {
        List<HeldNote> of = notes.stream().filter(n -> n.remaining().currency().equals(currency)).toList();
        if (of.size() != 1) {
            throw new IllegalStateException("expected one " + currency + " note, found " + of.size());
        }
        return of.get(0);
    }

    /**
     * The verifies a payee does on one received note, replayed on the note's payloads: every
     * distinct security server's certificate by the PSS key (P-521), every distinct module
     * certificate by its security server's key, the body by the generator's key and each record by
     * its transferor's key (P-256); every key decoded from its bytes first, as decoding a note does.
     */
    static final class NoteFloor {
        private final PublicKey pss;
        private final List<byte[][]> ssChecks = new ArrayList<>();     // {payload, signature}
        private final List<byte[][]> certChecks = new ArrayList<>();   // {issuer key bytes, payload, signature}
        private final List<byte[][]> noteChecks = new ArrayList<>();   // {signer key bytes, payload, signature}
        final int p521;
        final int p256;

        NoteFloor(Note note, PublicKey pss) {
            this.pss = pss;
            Set<String> seenSs = new HashSet<>();
            Set<String> seenCerts = new HashSet<>();
            for (Certificate cert : note.certificates()) {
                Certificate ss = cert.issuerCertificate().orElseThrow();
                if (seenSs.add(HexFormat.of().formatHex(ss.encoded()))) {
                    ssChecks.add(new byte[][] {ss.signedPayload(), ss.signature()});
                }
                if (seenCerts.add(HexFormat.of().formatHex(cert.encoded()))) {
                    certChecks.add(new byte[][] {ss.publicKey().getEncoded(), cert.signedPayload(), cert.signature()});
                }
            }
            noteChecks.add(new byte[][] {note.certificates().get(0).publicKey().getEncoded(), note.body().encoded(), note.bodySignature()});
            for (int i = 0; i < note.records().size(); i++) {
                noteChecks.add(new byte[][] {note.certificates().get(i).publicKey().getEncoded(), note.signedPayloadOf(i),
                        note.records().get(i).signature()});
            }
            p521 = ssChecks.size();
            p256 = certChecks.size() + noteChecks.size();
            if (!verify()) {
                throw new IllegalStateException("the note's signatures must verify");
            }
        }

        boolean verify() {
            boolean ok = true;
            for (byte[][] c : ssChecks) {
                ok &= Crypto.verify(pss, c[0], c[1]);
            }
            for (byte[][] c : certChecks) {
                ok &= Crypto.verify(Crypto.decodePublicKey(c[0]), c[1], c[2]);
            }
            for (byte[][] c : noteChecks) {
                ok &= Crypto.verify(Crypto.decodePublicKey(c[0]), c[1], c[2]);
            }
            return ok;
        }
    }
}
