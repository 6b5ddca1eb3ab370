package org.ems.money.protocol;

import static org.ems.money.protocol.FxFixtures.GBP;
import static org.ems.money.protocol.FxFixtures.gbp;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteId;
import org.ems.network.domain.ConversationId;

/**
 * One seeded run of a foreign exchange (A gives USD, B gives GBP) under the faults of
 * {@link PaymentSimulation}: states as bytes, drops, duplicates, reorders, crashes before and
 * after steps on a durable or in-VM transport, timers at any time. At quiescence, per currency:
 * held + claimable failed commits = initial, never more; every loss is a failed commit at the
 * transferee after the transferor's commit; for each transfer the transferor commits first, and
 * the first commit of all is S(X)'s.
 */
final class FxSimulation {

    static final long USD_INITIAL = 800;
    static final long GBP_INITIAL = 650;
    private static final List<Note> USD_NOTES = List.of(FxFixtures.withdrawn(A, usd(500)), FxFixtures.withdrawn(A, usd(300)));
    private static final List<Note> GBP_NOTES = List.of(FxFixtures.withdrawn(B, gbp(400)), FxFixtures.withdrawn(B, gbp(250)));
    private static final long[] USD_AMOUNTS = {300, 650, 800, 801};
    private static final long[] GBP_AMOUNTS = {250, 520, 650, 651};

    record Result(long seed, String summary, List<String> violations, List<String> trace) {
    }

    private record InFlight(boolean toA, PaymentMessage message) {
    }

    private final long seed;
    private final Random random;
    private final boolean durable;
    private final double dropRate;
    private final double duplicateRate;
    private final double crashRate;
    private final double timerRate;
    private final FxCommitOrder.Side first;
    private final FxParty.Context contextA;
    private final FxParty.Context contextB;
    private final List<String> trace = new ArrayList<>();
    private final List<InFlight> network = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    private byte[] a;
    private byte[] b;

    FxSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.durable = random.nextBoolean();
        this.dropRate = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 0.2;
        this.duplicateRate = random.nextDouble() * 0.2;
        this.crashRate = random.nextDouble() * 0.2;
        this.timerRate = random.nextInt(3) == 0 ? 0.005 : random.nextDouble() * 0.3;
        this.first = random.nextBoolean() ? FxCommitOrder.Side.A : FxCommitOrder.Side.B;
        ConversationId conversation = new ConversationId(seed, 0xf0L);
        this.contextA = new FxParty.Context(conversation, NOW, SimulatedCrypto.signer(A), SimulatedCrypto.verifier(A));
        this.contextB = new FxParty.Context(conversation, NOW, SimulatedCrypto.signer(B), SimulatedCrypto.verifier(B));
    }

    Result run() {
        long give = USD_AMOUNTS[random.nextInt(USD_AMOUNTS.length)];
        long take = GBP_AMOUNTS[random.nextInt(GBP_AMOUNTS.length)];
        ModuleBook bookA = ModuleBook.of(directory(USD_NOTES));
        b = FxParty.expectB(contextB, ModuleBook.of(directory(GBP_NOTES)), A.id(), gbp(take), usd(give), first).encode();
        trace.add("seed " + seed + ": A gives " + give + " USD for " + take + " GBP, S(X)=" + first + ", durable=" + durable
                + String.format(" drop=%.2f dup=%.2f crash=%.2f timer=%.2f", dropRate, duplicateRate, crashRate, timerRate));
        for (int event = 0; event < 400 && !quiescent(); event++) {
            if (a == null) {
                start(bookA, give, take);
            } else if (!network.isEmpty() && random.nextDouble() >= timerRate) {
                deliver(network.remove(random.nextInt(network.size())));
            } else {
                fireTimer();
            }
        }
        for (int event = 0; event < 100 && !quiescent(); event++) {
            if (a == null) {
                start(bookA, give, take);
            } else if (!network.isEmpty()) {
                InFlight next = network.remove(0);
                apply(next.toA(), next.message(), false);
            } else {
                fireTimer();
            }
        }
        return new Result(seed, give + "/" + take + " " + summary(), check(), trace);
    }

    private static NoteDirectory directory(List<Note> notes) {
        NoteDirectory directory = NoteDirectory.empty();
        for (Note note : notes) {
            directory = directory.withReceived(note);
        }
        return directory;
    }

    private void start(ModuleBook book, long give, long take) {
        if (chance(crashRate)) {
            trace.add("  FAULT A crashed before starting");
            return;
        }
        PaymentStep<FxState> step = FxParty.startA(contextA, book, B.id(), usd(give), gbp(take), first);
        a = step.state().encode();
        trace.add("A starts: " + step.state().phase() + " sends " + step.outgoing());
        send(false, step.outgoing(), crashRate);
    }

    private void deliver(InFlight message) {
        if (chance(dropRate)) {
            trace.add("  FAULT dropped " + message.message());
            return;
        }
        if (chance(duplicateRate)) {
            trace.add("  FAULT duplicated " + message.message());
            network.add(message);
        }
        if (chance(crashRate)) {
            trace.add("  FAULT recipient crashed before the step" + (durable ? "; redelivered later" : "; in-VM message lost"));
            if (durable) {
                network.add(message);
            }
            return;
        }
        apply(message.toA(), message.message(), chance(crashRate));
    }

    private void apply(boolean toA, PaymentMessage message, boolean crashAfter) {
        FxState before = FxState.decode(toA ? a : b);
        PaymentStep<FxState> step = FxParty.onMessage(toA ? contextA : contextB, before, message);
        trace.add("  " + (toA ? "A" : "B") + " <- " + message + ": " + step.disposition() + " " + step.state().phase() + " "
                + step.note() + (step.outgoing().isEmpty() ? "" : " sends " + step.outgoing()));
        if (step.isAccepted()) {
            store(toA, before, step.state());
            send(!toA, step.outgoing(), crashAfter ? 1 : 0);
        }
    }

    private void store(boolean isA, FxState before, FxState after) {
        String who = isA ? "A" : "B";
        if (!before.sendCommitted() && after.sendCommitted()) {
            commits.add(who + ":send");
        }
        if (!before.receiveCommitted() && after.receiveCommitted()) {
            commits.add(who + ":receive");
        }
        if (isA) {
            a = after.encode();
        } else {
            b = after.encode();
        }
    }

    private void fireTimer() {
        FxState stateA = a == null ? null : FxState.decode(a);
        FxState stateB = FxState.decode(b);
        List<Boolean> waiting = new ArrayList<>();
        if (stateA != null && !stateA.isSettled()) {
            waiting.add(true);
        }
        if (!stateB.isSettled()) {
            waiting.add(false);
        }
        if (waiting.isEmpty()) {
            return;
        }
        boolean toA = waiting.get(random.nextInt(waiting.size()));
        FxState before = toA ? stateA : stateB;
        PaymentStep<FxState> step = FxParty.onTimeout(toA ? contextA : contextB, before);
        trace.add("  " + (toA ? "A" : "B") + " <- timeout: " + step.state().phase() + " sends " + step.outgoing());
        store(toA, before, step.state());
        send(!toA, step.outgoing(), 0);
    }

    private void send(boolean toA, List<PaymentMessage> messages, double lossRate) {
        for (PaymentMessage message : messages) {
            if (!durable && chance(lossRate)) {
                trace.add("  FAULT sender crashed after its step; in-VM " + message + " lost");
            } else {
                network.add(new InFlight(toA, message));
            }
        }
    }

    private boolean quiescent() {
        return a != null && network.isEmpty() && FxState.decode(a).isSettled() && FxState.decode(b).isSettled();
    }

    private String summary() {
        if (a == null) {
            return "not started";
        }
        return FxState.decode(a).phase() + "/" + FxState.decode(b).phase();
    }

    private List<String> check() {
        List<String> violations = new ArrayList<>();
        if (!quiescent()) {
            violations.add("not quiescent after the drain");
            return violations;
        }
        FxState sa = FxState.decode(a);
        FxState sb = FxState.decode(b);
        checkCurrency(violations, USD, USD_INITIAL, sa, sb);
        checkCurrency(violations, GBP, GBP_INITIAL, sb, sa);
        order(violations, "A:send", "B:receive");
        order(violations, "B:send", "A:receive");
        if (!commits.isEmpty() && !commits.get(0).equals(first + ":send")) {
            violations.add("first commit " + commits.get(0) + " but S(X) = " + first);
        }
        return violations;
    }

    private void order(List<String> violations, String transferor, String transferee) {
        int t = commits.indexOf(transferor);
        int e = commits.indexOf(transferee);
        if (e >= 0 && (t < 0 || t > e)) {
            violations.add(transferee + " committed before " + transferor + ": " + commits);
        }
    }

    /** {@code from} transfers this currency to {@code to}. */
    private static void checkCurrency(List<String> violations, CurrencyCode currency, long initial, FxState from, FxState to) {
        long held = from.book().balance(currency).amountMinor() + to.book().balance(currency).amountMinor();
        Optional<LogEntry> sent = from.book().log().last(from.conversation(), LogEntry.Direction.SENT);
        boolean committed = sent.map(e -> e.kind() == LogEntry.Kind.UNCONDITIONAL).orElse(false);
        long claimable = 0;
        for (LogEntry record : to.book().log().failedCommits()) {
            if (committed && sameNotes(record, sent.get(), currency)) {
                claimable += record.total(currency).amountMinor();
            }
        }
        if (held > initial) {
            violations.add(currency.code() + " duplicated: held " + held + " > " + initial);
        }
        if (held + claimable != initial) {
            violations.add(currency.code() + ": held " + held + " + claimable " + claimable + " != " + initial);
        }
        Set<String> fromNodes = new HashSet<>();
        from.book().notes().notes().forEach(h -> fromNodes.add(h.note().lastTransferKey().toString()));
        to.book().notes().notes().forEach(h -> {
            if (fromNodes.contains(h.note().lastTransferKey().toString())) {
                violations.add("note node held by both: " + h.note().lastTransferKey());
            }
        });
    }

    private static boolean sameNotes(LogEntry failed, LogEntry committed, CurrencyCode currency) {
        Set<NoteId> ids = new HashSet<>();
        committed.notes().forEach(n -> ids.add(n.noteId()));
        return failed.notes().stream().allMatch(n -> ids.contains(n.noteId()))
                && failed.notes().stream().allMatch(n -> n.amount().currency().equals(currency))
                && failed.total(currency).equals(committed.total(currency));
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
