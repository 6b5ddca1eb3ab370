package org.ems.money.protocol;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;
import static org.ems.money.domain.NoteFixtures.withdrawnBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteId;
import org.ems.network.domain.ConversationId;

/**
 * One seeded run of a payment from A to B under faults: each party's state is kept as bytes
 * between steps (so every step also proves the encoding); a crash before a step loses the step
 * (the input is redelivered later, or lost when the transport is not durable), a crash after it
 * keeps the step but may lose its outgoing messages (in-VM transport); messages are dropped,
 * duplicated, reordered and delayed; timers fire at any time while a party is unsettled. At
 * quiescence the invariants are checked.
 *
 * <p>Signing and verification are the real ones, memoised by {@link SimulatedCrypto}.
 */
final class PaymentSimulation {

    static final long[] HELD = {500, 300, 200};
    static final long INITIAL = 1000;
    private static final long[] AMOUNTS = {100, 200, 300, 650, 800, 1000, 1001};
    private static final List<Note> NOTES = java.util.Arrays.stream(HELD).mapToObj(cents -> withdrawnBy(A, cents)).toList();
    private static final NoteSigner SIGNER = SimulatedCrypto.signer(A);
    private static final PaymentVerifier VERIFIER = SimulatedCrypto.verifier(B);

    record Result(long seed, String summary, List<String> violations, List<String> trace) {
    }

    private record InFlight(boolean toPayer, PaymentMessage message) {
    }

    private final long seed;
    private final Random random;
    private final boolean durable;
    private final double dropRate;
    private final double duplicateRate;
    private final double crashRate;
    private final double timerRate;
    private final List<String> trace = new ArrayList<>();
    private final List<InFlight> network = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    private final Payer.Context payerContext;
    private final Payee.Context payeeContext;
    private byte[] payer;            // null until the payer has started
    private byte[] payee;
    private int faults;

    /** A crash forced at one step of an otherwise fault-free run (-1: none); before or after the step. */
    private final int crashStep;
    private final boolean crashBefore;
    private final long forcedAmount;
    private int steps;

    PaymentSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.durable = random.nextBoolean();
        this.dropRate = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 0.2;
        this.duplicateRate = random.nextDouble() * 0.2;
        this.crashRate = random.nextDouble() * 0.2;
        this.timerRate = random.nextInt(3) == 0 ? 0.005 : random.nextDouble() * 0.3;
        this.crashStep = -1;
        this.crashBefore = false;
        this.forcedAmount = 0;
        ConversationId conversation = new ConversationId(seed, 0x5eedL);
        this.payerContext = new Payer.Context(conversation, NOW, SIGNER);
        this.payeeContext = new Payee.Context(conversation, NOW, VERIFIER);
    }

    /** A run without random faults that crashes one party before or after its {@code crashStep}-th step. */
    PaymentSimulation(long amount, boolean durable, int crashStep, boolean crashBefore) {
        this.seed = crashStep;
        this.random = new Random(crashStep);
        this.durable = durable;
        this.dropRate = 0;
        this.duplicateRate = 0;
        this.crashRate = 0;
        this.timerRate = 0;
        this.crashStep = crashStep;
        this.crashBefore = crashBefore;
        this.forcedAmount = amount;
        ConversationId conversation = new ConversationId(seed, 0x5eedL);
        this.payerContext = new Payer.Context(conversation, NOW, SIGNER);
        this.payeeContext = new Payee.Context(conversation, NOW, VERIFIER);
    }

    Result run() {
        long amount = forcedAmount > 0 ? forcedAmount : AMOUNTS[random.nextInt(AMOUNTS.length)];
        long expected = forcedAmount > 0 || random.nextInt(8) != 0 ? amount : amount + 1;
        NoteDirectory directory = NoteDirectory.empty();
        for (Note note : NOTES) {
            directory = directory.withReceived(note);
        }
        ModuleBook payerBook = ModuleBook.of(directory);
        payee = Payee.expect(payeeContext, ModuleBook.of(NoteDirectory.empty()), A.id(), usd(expected)).encode();
        trace.add("seed " + seed + ": pay " + amount + ", payee expects " + expected + ", durable=" + durable + String.format(
                " drop=%.2f dup=%.2f crash=%.2f timer=%.2f", dropRate, duplicateRate, crashRate, timerRate));

        for (int event = 0; event < 400 && !quiescent(); event++) {
            if (payer == null) {
                start(payerBook, amount);
            } else if (!network.isEmpty() && random.nextDouble() >= timerRate) {
                deliver(network.remove(random.nextInt(network.size())));
            } else {
                fireTimer();
            }
        }
        // Drain: no more faults; timers end whatever waits.
        for (int event = 0; event < 100 && !quiescent(); event++) {
            if (payer == null) {
                start(payerBook, amount);
            } else if (!network.isEmpty()) {
                InFlight next = network.remove(0);
                apply(next.toPayer(), next.message(), false, true);
            } else {
                fireTimer();
            }
        }
        return new Result(seed, summary(amount, expected), check(), trace);
    }

    private void start(ModuleBook book, long amount) {
        boolean hit = forcedHit();
        if (chance(crashRate) || hit && crashBefore) {
            fault("payer crashed before starting; it starts again");
            return;
        }
        PaymentStep<PayerState> step = Payer.start(payerContext, book, B.id(), usd(amount));
        payer = step.state().encode();
        trace.add("payer starts: " + step.state().phase() + " " + step.outcome().map(Enum::name).orElse("") + " sends " + step.outgoing());
        send(false, step.outgoing(), hit && !crashBefore ? 1 : crashRate);
    }

    private void deliver(InFlight message) {
        if (chance(dropRate)) {
            fault("dropped " + message.message() + " to " + (message.toPayer() ? "payer" : "payee"));
            return;
        }
        if (chance(duplicateRate)) {
            fault("duplicated " + message.message());
            network.add(message);
        }
        boolean hit = forcedHit();
        if (chance(crashRate) || hit && crashBefore) {
            if (durable) {
                fault("recipient crashed before the step; the message is redelivered later");
                network.add(message);
            } else {
                fault("recipient crashed before the step; the in-VM message is lost");
            }
            return;
        }
        apply(message.toPayer(), message.message(), chance(crashRate) || hit && !crashBefore, false);
    }

    /** A step on the stored state; {@code crashAfter}: the state is stored but (in-VM) the messages are lost. */
    private void apply(boolean toPayer, PaymentMessage message, boolean crashAfter, boolean reliable) {
        if (toPayer) {
            PayerState before = PayerState.decode(payer);
            PaymentStep<PayerState> step = Payer.onMessage(payerContext, before, message);
            record("payer", message.toString(), step.disposition() + " " + step.state().phase() + " " + step.note(), step.outgoing());
            if (step.isAccepted()) {
                payer = step.state().encode();
                noteCommit("payer", before.phase() != PayerState.Phase.COMMITTED && step.state().phase() == PayerState.Phase.COMMITTED);
                send(false, step.outgoing(), reliable ? 0 : crashAfter ? 1 : 0);
            }
        } else {
            PayeeState before = PayeeState.decode(payee);
            PaymentStep<PayeeState> step = Payee.onMessage(payeeContext, before, message);
            record("payee", message.toString(), step.disposition() + " " + step.state().phase() + " " + step.note(), step.outgoing());
            if (step.isAccepted()) {
                payee = step.state().encode();
                noteCommit("payee", before.phase() != PayeeState.Phase.COMMITTED && step.state().phase() == PayeeState.Phase.COMMITTED);
                send(true, step.outgoing(), reliable ? 0 : crashAfter ? 1 : 0);
            }
        }
    }

    private void fireTimer() {
        PayerState payerState = payer == null ? null : PayerState.decode(payer);
        PayeeState payeeState = PayeeState.decode(payee);
        List<Boolean> waiting = new ArrayList<>();
        if (payerState != null && !payerState.isSettled()) {
            waiting.add(true);
        }
        if (!payeeState.isSettled()) {
            waiting.add(false);
        }
        if (waiting.isEmpty()) {
            return;
        }
        if (!network.isEmpty()) {
            fault("a timer fires early, with messages still in flight");
        }
        if (waiting.get(random.nextInt(waiting.size()))) {
            PaymentStep<PayerState> step = Payer.onTimeout(payerContext, payerState);
            record("payer", "timeout", step.state().phase().name(), step.outgoing());
            payer = step.state().encode();
            send(false, step.outgoing(), 0);
        } else {
            PaymentStep<PayeeState> step = Payee.onTimeout(payeeContext, payeeState);
            record("payee", "timeout", step.state().phase().name(), step.outgoing());
            payee = step.state().encode();
            send(true, step.outgoing(), 0);
        }
    }

    private void send(boolean toPayer, List<PaymentMessage> messages, double lossRate) {
        for (PaymentMessage message : messages) {
            if (!durable && chance(lossRate)) {
                fault("sender crashed after its step; in-VM " + message + " lost");
            } else {
                network.add(new InFlight(toPayer, message));
            }
        }
    }

    private void noteCommit(String who, boolean committed) {
        if (committed) {
            commits.add(who);
        }
    }

    private boolean quiescent() {
        return payer != null && network.isEmpty() && PayerState.decode(payer).isSettled() && PayeeState.decode(payee).isSettled();
    }

    private List<String> check() {
        List<String> violations = new ArrayList<>();
        if (!quiescent()) {
            violations.add("not quiescent after the drain");
            return violations;
        }
        PayerState a = PayerState.decode(payer);
        PayeeState b = PayeeState.decode(payee);
        long held = a.book().balance(USD).amountMinor() + b.book().balance(USD).amountMinor();
        long lost = INITIAL - held;
        Optional<LogEntry> payerFinal = a.book().log().last(a.conversation(), LogEntry.Direction.SENT);
        boolean payerCommitted = payerFinal.map(e -> e.kind() == LogEntry.Kind.UNCONDITIONAL).orElse(false);
        // Claims: failed-commit records whose notes the payer did commit (a claim against an aborted transfer is refused).
        long claimable = 0;
        for (LogEntry record : b.book().log().failedCommits()) {
            if (payerCommitted && sameNotes(record, payerFinal.get())) {
                claimable += record.total(USD).amountMinor();
            }
        }
        if (held > INITIAL) {
            violations.add("value duplicated: held " + held + " > " + INITIAL);
        }
        if (held + claimable != INITIAL) {
            violations.add("held " + held + " + claimable failed commits " + claimable + " != " + INITIAL);
        }
        if (lost > 0 && !(payerCommitted && b.phase() == PayeeState.Phase.FAILED_COMMIT)) {
            violations.add("lost " + lost + " without a failed commit after the payer's commit (payee " + b.phase() + ")");
        }
        if (b.phase() == PayeeState.Phase.COMMITTED && !commits.equals(List.of("payer", "payee"))) {
            violations.add("commit order " + commits + ": the transferor must commit first");
        }
        if (a.phase() == PayerState.Phase.COMMITTED && b.phase() != PayeeState.Phase.COMMITTED
                && b.phase() != PayeeState.Phase.FAILED_COMMIT) {
            violations.add("payer committed but payee ended " + b.phase());
        }
        // No note node is held by both.
        Set<String> payerNodes = new HashSet<>();
        a.book().notes().notes().forEach(h -> payerNodes.add(h.note().lastTransferKey().toString()));
        b.book().notes().notes().forEach(h -> {
            if (payerNodes.contains(h.note().lastTransferKey().toString())) {
                violations.add("note node held by both: " + h.note().lastTransferKey());
            }
        });
        // A held note's value is never held twice: the payee's pieces of a note plus what the payer still has of it
        // never exceed what the payer received of it.
        for (Note original : NOTES) {
            long payerHas = a.book().notes().notes().stream().filter(h -> h.id().equals(original.id()))
                    .mapToLong(h -> h.remaining().amountMinor()).sum();
            long payeeHas = b.book().notes().notes().stream().filter(h -> h.id().equals(original.id()))
                    .mapToLong(h -> h.remaining().amountMinor()).sum();
            if (payerHas + payeeHas > original.receivedAmount().amountMinor()) {
                violations.add("note " + original.id() + " held " + payerHas + " + " + payeeHas);
            }
        }
        if (faults == 0 && a.outcome().orElseThrow() != PaymentOutcome.INSUFFICIENT_FUNDS
                && b.rejection().isEmpty() && !(a.phase() == PayerState.Phase.COMMITTED && b.phase() == PayeeState.Phase.COMMITTED)) {
            violations.add("no faults yet no payment: " + a.phase() + "/" + b.phase());
        }
        return violations;
    }

    private static boolean sameNotes(LogEntry failed, LogEntry committed) {
        Set<NoteId> ids = new HashSet<>();
        committed.notes().forEach(n -> ids.add(n.noteId()));
        return failed.notes().stream().allMatch(n -> ids.contains(n.noteId())) && failed.total(USD).equals(committed.total(USD));
    }

    private String summary(long amount, long expected) {
        PayerState a = PayerState.decode(payer);
        PayeeState b = PayeeState.decode(payee);
        return amount + "/" + expected + " " + a.phase() + "/" + b.phase() + " faults=" + faults;
    }

    /** Counts a step; whether the forced crash hits it. */
    private boolean forcedHit() {
        return steps++ == crashStep;
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private void fault(String what) {
        faults++;
        trace.add("  FAULT " + what);
    }

    private void record(String who, String input, String result, List<PaymentMessage> sent) {
        trace.add("  " + who + " <- " + input + ": " + result + (sent.isEmpty() ? "" : " sends " + sent));
    }
}
