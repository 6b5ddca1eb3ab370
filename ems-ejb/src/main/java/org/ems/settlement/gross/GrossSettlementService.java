package org.ems.settlement.gross;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentSettled;
import org.ems.money.application.SettleFxService;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.network.domain.session.SessionState;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.Readiness;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.settlement.gross.domain.Side;

/**
 * Gross and bilateral settlement between two counterparty settlement agents (WO 97/19427 figure
 * 28). {@link #submit}: the counterparties pass their CSAs the amounts and the settlement time
 * (step 3134). {@link #settleAtTime}, called by the timer port at that time: each CSA's host asks
 * whether it is ready (3138-3140, {@link Readiness}); if one is not, both counterparties are told
 * the settlement failed and nothing moves (3142); if both are, the responder agrees and the
 * initiator starts Settle Foreign Exchange (3144). A module busy in another payment, exchange or
 * settlement (the pair's previous gross instruction, say) makes the instruction wait, PENDING,
 * until both modules are free (decided when a payment of theirs ends), for at most
 * {@link #BUSY_WAIT}; still busy then, it fails as not ready. {@link #onPaymentSettled}: when a side of that
 * settlement ends, its CSA tells its counterparty SUCCESS or FAILED (3146), stored on the
 * instruction and fired as {@link GrossSettlementNotified}.
 *
 * <p>Idempotent: resubmitting the same terms under an id returns the instruction unchanged (other
 * terms under a used id are refused); deciding an instruction that is no longer PENDING, or
 * hearing a side's outcome twice, changes nothing. Refusals change nothing.
 */
@Stateless
public class GrossSettlementService {

    private static final Logger LOG = Logger.getLogger(GrossSettlementService.class.getName());
    /** Instructions {@link #settleDue} decides in one transaction, and waiting instructions looked at when a module is free. */
    public static final int MAX_DUE = 100;
    /**
     * How long after its settlement time an instruction waits for a CSA's module that is in
     * another payment, exchange or settlement (e.g. the previous gross instruction of the pair)
     * before it fails as not ready.
     */
    public static final Duration BUSY_WAIT = Duration.ofMinutes(5);

    @Inject GrossInstructionRepository instructions;
    @Inject SettleFxService settleFx;
    @Inject NoteCustody custody;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;
    @Inject GrossSettlementTimers timers;
    @Inject Event<GrossSettlementNotified> notified;
    @Inject Clock clock;

    /**
     * Stores an instruction and schedules its settlement time. Refused (IllegalArgumentException /
     * IllegalStateException, nothing stored): a module that is not a hosted transaction module, a
     * session that is not established between A and B, other terms under a used id.
     */
    public InstructionView submit(SettlementInstruction instruction) {
        Optional<GrossInstructionRecord> existing = instructions.find(instruction.id());
        if (existing.isPresent()) {
            if (!existing.get().instruction().equals(instruction)) {
                throw new IllegalStateException("instruction id " + instruction.id() + " was used for other terms");
            }
            return InstructionView.of(existing.get());
        }
        for (Side side : Side.values()) {
            ModuleId module = instruction.module(side);
            HostedModule hosted = network.findModule(module)
                    .orElseThrow(() -> new IllegalArgumentException(side + " " + module + " is not a hosted module"));
            if (hosted.role() != ModuleRole.TRANSACTION) {
                throw new IllegalArgumentException(side + " " + module + " is a " + hosted.role() + ", not a transaction module");
            }
        }
        for (Side side : Side.values()) {
            ModuleId module = instruction.module(side);
            if (!established(module, instruction.module(side.other()), instruction.session())) {
                throw new IllegalStateException("session " + instruction.session() + " of " + side + " " + module
                        + " is not established with " + instruction.module(side.other()));
            }
        }
        GrossInstructionRecord record = new GrossInstructionRecord(instruction, clock.instant());
        instructions.store(record);
        timers.schedule(instruction.id(), instruction.settleAt());
        return InstructionView.of(record);
    }

    /**
     * The settlement time of {@code id} has come (the timer port): decides it as in the class
     * comment. An instruction no longer PENDING is returned unchanged; an unknown id or a call
     * before the settlement time is refused, changing nothing.
     */
    public InstructionView settleAtTime(InstructionId id) {
        GrossInstructionRecord record = instructions.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no settlement instruction " + id));
        if (record.phase() != InstructionPhase.PENDING) {
            return InstructionView.of(record);
        }
        Instant now = clock.instant();
        if (now.isBefore(record.instruction().settleAt())) {
            throw new IllegalStateException("instruction " + id + " settles at " + record.instruction().settleAt() + ", not at " + now);
        }
        decide(record, now);
        return InstructionView.of(record);
    }

    /** Decides every PENDING instruction whose time has come (at most {@link #MAX_DUE}): a catch-up for timers. Returns how many. */
    public int settleDue() {
        Instant now = clock.instant();
        List<GrossInstructionRecord> due = instructions.due(now, MAX_DUE);
        due.forEach(record -> decide(record, now));
        return due.size();
    }

    public Optional<InstructionView> instruction(InstructionId id) {
        return instructions.find(id).map(InstructionView::of);
    }

    /**
     * A module's payment, exchange or settlement ended: if it is a Settle Foreign Exchange that
     * carries an instruction, that side's CSA notifies its counterparty; then instructions waiting
     * for the module are decided if both their modules are free now.
     */
    public void onPaymentSettled(@Observes PaymentSettled settled) {
        Instant now = clock.instant();
        if (settled.side() == Protocol.SETTLE_FX) {
            instructions.bySettlement(settled.payment()).ifPresent(record -> sideEnded(record, settled, now));
        }
        for (GrossInstructionRecord waiting : instructions.waitingFor(settled.module(), MAX_DUE)) {
            SettlementInstruction instruction = waiting.instruction();
            if (waiting.phase() == InstructionPhase.PENDING && !custody.isBusy(instruction.a()) && !custody.isBusy(instruction.b())) {
                decide(waiting, now);
            }
        }
    }

    private void sideEnded(GrossInstructionRecord record, PaymentSettled settled, Instant now) {
        SettlementInstruction instruction = record.instruction();
        Optional<Side> side = instruction.sideOf(settled.module());
        if (side.isEmpty()) {
            return;
        }
        String outcome = settled.outcome().map(Enum::name).orElse("none");
        tell(record, side.get(), settled.isSuccess() ? Notification.SUCCESS : Notification.FAILED, "Settle FX " + outcome, now);
        Side other = side.get().other();
        if (!settled.isSuccess() && record.notified(other).isEmpty()
                && settleFx.settlement(instruction.module(other), settled.payment()).isEmpty()) {
            // The other module never joined (A's amounts never reached it): it has no side to end, and nothing moved there.
            // Its agreement would expire by itself; withdrawn now, the module is free at once for its next instruction.
            ModuleId absent = instruction.module(other);
            if (settleFx.holdsAgreement(absent, instruction.session())) {
                settleFx.withdraw(absent, instruction.session());
            }
            tell(record, other, Notification.FAILED, "never joined: the peer's side ended " + outcome, now);
        }
    }

    private void decide(GrossInstructionRecord record, Instant now) {
        SettlementInstruction instruction = record.instruction();
        Instant waitUntil = instruction.settleAt().plus(BUSY_WAIT);
        boolean busy = custody.isBusy(instruction.a()) || custody.isBusy(instruction.b());
        if (busy && now.isBefore(waitUntil)) {
            // Busy is not "cannot settle": wait for the module to be free (onPaymentSettled), at most until waitUntil.
            if (!record.isWaiting()) {
                record.waitForModules();
                timers.schedule(instruction.id(), waitUntil);
            }
            return;
        }
        Readiness a = readiness(instruction, Side.A);
        Readiness b = readiness(instruction, Side.B);
        if (!a.ready() || !b.ready()) {
            record.notReady(reason(a, b), reason(b, a), now);
            for (Side side : Side.values()) {
                fire(record, side);
            }
            LOG.info(() -> "instruction " + instruction.id() + " failed at its settlement time: A " + a.reason() + ", B " + b.reason());
            return;
        }
        Side initiator = instruction.initiator();
        Side responder = initiator.other();
        settleFx.expect(instruction.module(responder), instruction.session(), instruction.module(initiator),
                instruction.sends(responder), instruction.sends(initiator));
        ConversationId settlement = settleFx.settle(instruction.module(initiator), instruction.session(),
                instruction.sends(initiator), instruction.sends(responder));
        record.settling(settlement, now);
    }

    private Readiness readiness(SettlementInstruction instruction, Side side) {
        ModuleId module = instruction.module(side);
        boolean session = established(module, instruction.module(side.other()), instruction.session());
        return Readiness.of(session, custody.isBusy(module), instruction.sends(side), custody.notes(module));
    }

    private static String reason(Readiness own, Readiness peer) {
        return own.ready() ? "counterparty's CSA not ready: " + peer.reason() : "not ready: " + own.reason();
    }

    private void tell(GrossInstructionRecord record, Side side, Notification notification, String reason, Instant now) {
        if (record.notify(side, notification, reason, now)) {
            fire(record, side);
        }
    }

    private void fire(GrossInstructionRecord record, Side side) {
        SettlementInstruction instruction = record.instruction();
        notified.fire(new GrossSettlementNotified(instruction.id(), side, instruction.module(side), record.notified(side).orElseThrow(),
                record.reason(side).orElseThrow(), record.phase()));
    }

    /** Whether {@code self}'s session {@code session} is established with {@code peer}; never throws for a missing session. */
    private boolean established(ModuleId self, ModuleId peer, ConversationId session) {
        Optional<ProtocolConversation> c = network.findConversation(ProtocolConversation.keyOf(session, new ModuleAddress(self)));
        if (c.isEmpty() || c.get().protocol() != Protocol.SESSION) {
            return false;
        }
        SessionState state = SessionState.decode(steps.state(c.get()));
        return state.isEstablished() && state.peerAddress().id().equals(peer);
    }
}
