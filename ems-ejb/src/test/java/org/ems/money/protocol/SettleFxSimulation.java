package org.ems.money.protocol;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.usd;
import static org.ems.money.protocol.FxFixtures.gbp;
import static org.ems.money.protocol.SettleFxFixtures.eur;
import static org.ems.money.protocol.SettleFxFixtures.jpy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteFixtures;
import org.ems.network.domain.ConversationId;

/**
 * One seeded run of a Settle Foreign Exchange: A gives dollars and/or yen, B pounds and/or euros
 * or nothing (one-way); each side's host expects the peer's amounts, or now and then other ones;
 * some amounts exceed what a side holds. Faults as in {@link FxSimulation}: states kept as bytes,
 * drops, duplicates, reorders, crashes before and after steps on a durable or in-VM transport,
 * timers at any time, even with messages in flight. Or a fault-free run crashed once, before or
 * after one chosen step. {@link SettleFxChecks} judges the end.
 */
final class SettleFxSimulation {

    static final ModuleBook BOOK_A = SettleFxFixtures.book(FxFixtures.withdrawn(A, usd(500)), FxFixtures.withdrawn(A, usd(300)),
            FxFixtures.withdrawn(A, jpy(1000)));
    static final ModuleBook BOOK_B = SettleFxFixtures.book(FxFixtures.withdrawn(B, gbp(400)), FxFixtures.withdrawn(B, gbp(250)),
            FxFixtures.withdrawn(B, eur(300)));

    /** Fixed exchanges for the crash-at-every-step runs: two-way each order, and one-way. */
    enum Scenario {
        TWO_WAY_A_FIRST, TWO_WAY_B_FIRST, ONE_WAY
    }

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
    private final int crashStep;
    private final boolean crashBefore;
    private final Optional<Scenario> scenario;
    private final ConversationId conversation;
    private final List<String> trace = new ArrayList<>();
    private final List<InFlight> network = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    private FxCommitOrder.Side first;
    private SettleFxParty.Context contextA;
    private SettleFxParty.Context contextB;
    private SettleFxState a;        // null until A has started; always a state decoded from its stored bytes
    private SettleFxState b;
    private int faults;
    private int steps;

    SettleFxSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.durable = random.nextBoolean();
        this.dropRate = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 0.2;
        this.duplicateRate = random.nextDouble() * 0.2;
        this.crashRate = random.nextDouble() * 0.2;
        this.timerRate = random.nextInt(3) == 0 ? 0.005 : random.nextDouble() * 0.3;
        this.crashStep = -1;
        this.crashBefore = false;
        this.scenario = Optional.empty();
        this.conversation = new ConversationId(seed, 0x5e77L);
    }

    /** A fault-free run of {@code scenario} that crashes the party taking step {@code crashStep}, before or after it. */
    SettleFxSimulation(Scenario scenario, boolean durable, int crashStep, boolean crashBefore) {
        this.seed = crashStep;
        this.random = new Random(crashStep);
        this.durable = durable;
        this.dropRate = 0;
        this.duplicateRate = 0;
        this.crashRate = 0;
        this.timerRate = 0;
        this.crashStep = crashStep;
        this.crashBefore = crashBefore;
        this.scenario = Optional.of(scenario);
        this.conversation = new ConversationId(crashStep, 0xc4a5L);
    }

    Result run() {
        SettlementAmounts aGives;
        SettlementAmounts bGives;
        if (scenario.isPresent()) {
            first = scenario.get() == Scenario.TWO_WAY_B_FIRST ? FxCommitOrder.Side.B : FxCommitOrder.Side.A;
            aGives = SettlementAmounts.ofCurrency(usd(650), jpy(1000));
            bGives = scenario.get() == Scenario.ONE_WAY ? SettlementAmounts.none() : SettlementAmounts.ofCurrency(gbp(520), eur(300));
        } else {
            first = random.nextBoolean() ? FxCommitOrder.Side.A : FxCommitOrder.Side.B;
            // Now and then one amount more than the side holds (801, 1001, 651, 301).
            aGives = amounts(usd(pick(300, 650, 800, 300, 650, 800, 801)), 0.8, jpy(pick(400, 1000, 400, 1000, 1001)), 0.5, true);
            bGives = amounts(gbp(pick(250, 520, 650, 250, 520, 650, 651)), 0.6, eur(pick(100, 300, 100, 300, 301)), 0.4, false);
        }
        SettlementAmounts bExpects = scenario.isEmpty() && random.nextInt(16) == 0 ? perturbed(aGives) : aGives;
        SettlementAmounts aExpects = scenario.isEmpty() && random.nextInt(16) == 0 ? perturbed(bGives) : bGives;
        contextA = context(A, aExpects);
        contextB = context(B, bExpects);
        b = stored(SettleFxParty.expectB(contextB, BOOK_B, A.id(), bGives, first));
        trace.add("seed " + seed + ": A gives " + aGives + " (B expects " + bExpects + "), B gives " + bGives + " (A expects " + aExpects
                + "), S(X)=" + first + ", durable=" + durable
                + String.format(" drop=%.2f dup=%.2f crash=%.2f timer=%.2f", dropRate, duplicateRate, crashRate, timerRate)
                + (crashStep < 0 ? "" : " crash " + (crashBefore ? "before" : "after") + " step " + crashStep));
        for (int event = 0; event < 400 && !quiescent(); event++) {
            if (a == null) {
                start(aGives);
            } else if (!network.isEmpty() && random.nextDouble() >= timerRate) {
                deliver(network.remove(random.nextInt(network.size())));
            } else {
                fireTimer();
            }
        }
        for (int event = 0; event < 100 && !quiescent(); event++) {     // drain: no more faults; timers end whatever waits
            if (a == null) {
                start(aGives);
            } else if (!network.isEmpty()) {
                InFlight next = network.remove(0);
                apply(next.toA(), next.message(), false);
            } else {
                fireTimer();
            }
        }
        String summary = (a == null ? "not-started" : a.phase() + "/" + b.phase()) + " A gives " + aGives + " for " + bGives + " faults="
                + faults;
        List<String> violations = quiescent()
                ? new SettleFxChecks(a, b, first, commits).check(aGives, bGives, aExpects.equals(bGives) && bExpects.equals(aGives), faults)
                : List.of("not quiescent after the drain");
        return new Result(seed, summary, violations, trace);
    }

    private void start(SettlementAmounts give) {
        boolean hit = forcedHit();
        if (chance(crashRate) || hit && crashBefore) {
            fault("A crashed before starting; it starts again");
            return;
        }
        PaymentStep<SettleFxState> step = SettleFxParty.startA(contextA, BOOK_A, B.id(), give, first);
        a = stored(step.state());
        record("A", "start", step.state().phase() + " " + step.outcome().map(Enum::name).orElse(""), step.outgoing());
        send(false, step.outgoing(), hit && !crashBefore ? 1 : crashRate);
    }

    private void deliver(InFlight message) {
        if (chance(dropRate)) {
            fault("dropped " + message.message() + " to " + (message.toA() ? "A" : "B"));
            return;
        }
        if (chance(duplicateRate)) {
            fault("duplicated " + message.message());
            network.add(message);
        }
        boolean hit = forcedHit();
        if (chance(crashRate) || hit && crashBefore) {
            fault("recipient crashed before the step" + (durable ? "; the message is redelivered later" : "; the in-VM message is lost"));
            if (durable) {
                network.add(message);
            }
            return;
        }
        apply(message.toA(), message.message(), chance(crashRate) || hit);
    }

    /** A step on the stored state; {@code crashAfter}: the state is stored but (in-VM) the messages are lost. */
    private void apply(boolean toA, PaymentMessage message, boolean crashAfter) {
        SettleFxState before = toA ? a : b;
        PaymentStep<SettleFxState> step = SettleFxParty.onMessage(toA ? contextA : contextB, before, message);
        record(toA ? "A" : "B", message.toString(), step.disposition() + " " + step.state().phase() + " " + step.note(), step.outgoing());
        if (step.isAccepted()) {
            store(toA, before, step.state());
            if (crashAfter) {
                fault((toA ? "A" : "B") + " crashed after its step" + (durable ? "" : "; in-VM messages lost"));
            }
            send(!toA, step.outgoing(), crashAfter ? 1 : 0);
        }
    }

    private void fireTimer() {
        List<Boolean> waiting = new ArrayList<>();
        if (a != null && !a.isSettled()) {
            waiting.add(true);
        }
        if (!b.isSettled()) {
            waiting.add(false);
        }
        if (waiting.isEmpty()) {
            return;
        }
        if (!network.isEmpty()) {
            fault("a timer fires early, with messages still in flight");
        }
        boolean toA = waiting.get(random.nextInt(waiting.size()));
        SettleFxState before = toA ? a : b;
        PaymentStep<SettleFxState> step = SettleFxParty.onTimeout(toA ? contextA : contextB, before);
        record(toA ? "A" : "B", "timeout", step.state().phase().name(), step.outgoing());
        store(toA, before, step.state());
        send(!toA, step.outgoing(), 0);
    }

    private void store(boolean isA, SettleFxState before, SettleFxState after) {
        String who = isA ? "A" : "B";
        if (!before.sendCommitted() && after.sendCommitted()) {
            commits.add(who + ":send");
        }
        if (!before.receiveCommitted() && after.receiveCommitted() && !after.received().isEmpty()) {
            commits.add(who + ":receive");
        }
        if (isA) {
            a = stored(after);
        } else {
            b = stored(after);
        }
    }

    /** What the next step sees: the state as written and read back. */
    private static SettleFxState stored(SettleFxState state) {
        return SettleFxState.decode(state.encode());
    }

    private void send(boolean toA, List<PaymentMessage> messages, double lossRate) {
        for (PaymentMessage message : messages) {
            if (!durable && chance(lossRate)) {
                fault("in-VM " + message + " lost with its sender");
            } else {
                network.add(new InFlight(toA, message));
            }
        }
    }

    private boolean quiescent() {
        return a != null && network.isEmpty() && a.isSettled() && b.isSettled();
    }

    private SettlementAmounts amounts(Money one, double pOne, Money two, double pTwo, boolean nonEmpty) {
        List<Money> lines = new ArrayList<>();
        if (random.nextDouble() < pOne) {
            lines.add(one);
        }
        if (random.nextDouble() < pTwo || nonEmpty && lines.isEmpty()) {
            lines.add(two);
        }
        return SettlementAmounts.ofCurrency(lines.toArray(Money[]::new));
    }

    /** Amounts a host wrongly expects: one more minor unit of the first amount, or nothing when none were due. */
    private static SettlementAmounts perturbed(SettlementAmounts amounts) {
        if (amounts.isEmpty()) {
            return SettlementAmounts.ofCurrency(usd(1));
        }
        List<SettlementAmounts.Line> lines = new ArrayList<>(amounts.lines());
        SettlementAmounts.Line line = lines.get(0);
        lines.set(0, new SettlementAmounts.Line(line.type(), line.amount().plus(Money.of(line.amount().currency(), 1))));
        return new SettlementAmounts(lines);
    }

    private long pick(long... choices) {
        return choices[random.nextInt(choices.length)];
    }

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

    private SettleFxParty.Context context(NoteFixtures.Party party, SettlementAmounts expects) {
        return new SettleFxParty.Context(conversation, NOW, SimulatedCrypto.signer(party), SimulatedCrypto.verifier(party),
                SettlementPrompt.expecting(expects));
    }
}
