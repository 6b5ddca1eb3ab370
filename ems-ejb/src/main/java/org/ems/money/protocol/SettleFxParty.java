package org.ems.money.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteChoice;
import org.ems.money.domain.NoteRejectedException;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Payloads;
import org.ems.security.domain.ModuleId;

/**
 * Settle Foreign Exchange between modules A and B (figure 27), the exchange settlement agents
 * (CSA, MSA, MSC) run: amounts of several types of note and monetary units each way, or one way.
 *
 * <ol>
 * <li>A checks its funds and sends its amounts (3046-3066); B's Realtime Settlement host verifies
 * them ({@link SettlementPrompt}); a refusal aborts both sides, nothing logged.
 * <li>B checks its funds and sends its amounts, possibly none (3072-3086); A's host verifies them.
 * <li>A transfers its notes (3100-3102); B verifies them per amount. One-way (3106): B sends
 * Ready-to-Commit and Commit of figure 10 follows. Otherwise B transfers its notes (3108-3110), A
 * verifies them and sends "Log Updated" (3112-3118), and the transfer S(X) to S(not X) commits
 * first ({@link SettleFxCommit}).
 * </ol>
 *
 * <p>Abort is figure 11: what is not committed is rolled back; a side that sent a message on which
 * the peer may commit a transfer to it logs FAILED_COMMIT with the note ids and amounts it
 * received. Silence times out into an abort. One pure step per input, like {@link FxParty}.
 */
public final class SettleFxParty {

    /** A side's step: conversation, corrected time, its signing key, figure 8 verification, and its host's prompt. */
    public record Context(ConversationId conversation, Instant now, NoteSigner signer, PaymentVerifier verifier, SettlementPrompt prompt) {
        public Context {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    private SettleFxParty() {
    }

    /** A starts: checks it can pay {@code give} (steps 3050-3052) and sends the amounts to B. */
    public static PaymentStep<SettleFxState> startA(Context context, ModuleBook book, ModuleId b, SettlementAmounts give,
            FxCommitOrder.Side first) {
        SettleFxState state = SettleFxState.initial(FxCommitOrder.Side.A, first, context.conversation(), b, give, book);
        if (SettleFxTransfers.choose(book, give, context.now()).isEmpty()) {
            return insufficient(state, state.seen());
        }
        return PaymentStep.accepted(state, amounts(context.conversation(), give));
    }

    /** B waits for A's amounts, ready to send {@code give} (possibly nothing: a one-way payment). Unsettled: arm the timer. */
    public static SettleFxState expectB(Context context, ModuleBook book, ModuleId a, SettlementAmounts give, FxCommitOrder.Side first) {
        return SettleFxState.initial(FxCommitOrder.Side.B, first, context.conversation(), a, give, book);
    }

    public static PaymentStep<SettleFxState> onMessage(Context context, SettleFxState state, PaymentMessage message) {
        if (Wire.seen(state.seen(), message)) {
            return PaymentStep.duplicate(state);
        }
        if (state.isSettled()) {
            return PaymentStep.rejected(state, message + " after the exchange " + state.phase());
        }
        List<byte[]> seen = Wire.remember(state.seen(), message);
        try {
            if (message.purpose() == Purpose.PAYMENT_ABORT || message.purpose() == Purpose.SETTLE_FX_AMOUNTS_REFUSED) {
                return onPeerAbort(state, message, seen);
            }
            return switch (state.phase()) {
                case AWAITING_AMOUNTS -> onAmounts(context, state, message, seen);
                case AWAITING_NOTES -> onNotes(context, state, message, seen);
                case AWAITING_LOG_UPDATED -> SettleFxCommit.onLogUpdated(state, message, seen);
                case AWAITING_COMMIT_SIGNAL -> SettleFxCommit.onCommitSignal(state, message, seen);
                case AWAITING_READY -> SettleFxCommit.onReady(state, message, seen);
                case AWAITING_ACK -> SettleFxCommit.onAck(state, message, seen);
                default -> PaymentStep.rejected(state, message + " in " + state.phase());
            };
        } catch (MalformedEncodingException e) {
            return PaymentStep.rejected(state, "malformed or of another conversation: " + e.getMessage());
        }
    }

    /** Waiting in vain in any phase aborts (with a failed commit where one is due) and tells the peer. */
    public static PaymentStep<SettleFxState> onTimeout(Context context, SettleFxState state) {
        if (state.isSettled()) {
            return PaymentStep.rejected(state, "no timer in " + state.phase());
        }
        SettleFxState aborted = SettleFxTransfers.abort(state, PaymentOutcome.TIMED_OUT, Optional.empty(), state.seen());
        return PaymentStep.settled(aborted, aborted.outcome().orElseThrow(),
                Wire.abort(state.conversation(), AbortReason.TIMED_OUT, Optional.empty()));
    }

    private static PaymentStep<SettleFxState> onPeerAbort(SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        PaymentOutcome outcome;
        if (message.purpose() == Purpose.SETTLE_FX_AMOUNTS_REFUSED) {
            Payloads.readOnly(Purpose.SETTLE_FX_AMOUNTS_REFUSED, state.conversation(), message.payload());
            outcome = PaymentOutcome.AMOUNTS_REFUSED;
        } else {
            Wire.Abort abort = Wire.readAbort(state.conversation(), message);
            outcome = abort.reason() == AbortReason.NOTES_REJECTED ? PaymentOutcome.NOTES_REJECTED : PaymentOutcome.ABORTED_BY_PEER;
        }
        SettleFxState aborted = SettleFxTransfers.abort(state, outcome, Optional.empty(), seen);
        return PaymentStep.settled(aborted, aborted.outcome().orElseThrow());
    }

    /** The peer's amounts: B gets A's (3064-3082), A gets B's (3084-3102). */
    private static PaymentStep<SettleFxState> onAmounts(Context context, SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.SETTLE_FX_AMOUNTS) {
            return PaymentStep.rejected(state, message + " while waiting for the amounts");
        }
        CanonicalReader reader = Payloads.read(Purpose.SETTLE_FX_AMOUNTS, state.conversation(), message.payload());
        SettlementAmounts proposed = SettlementAmounts.read(reader);
        reader.end();
        boolean fromA = state.me() == FxCommitOrder.Side.B;
        if (fromA && proposed.isEmpty() || !context.prompt().confirms(proposed)) {
            SettleFxState refused = SettleFxTransfers.abort(state, PaymentOutcome.AMOUNTS_REFUSED, Optional.empty(), seen);
            return PaymentStep.settled(refused, PaymentOutcome.AMOUNTS_REFUSED,
                    new PaymentMessage(Purpose.SETTLE_FX_AMOUNTS_REFUSED, Payloads.only(Purpose.SETTLE_FX_AMOUNTS_REFUSED, state.conversation())));
        }
        Optional<List<NoteChoice.Pick>> picks = SettleFxTransfers.choose(state.book(), state.give(), context.now());
        if (picks.isEmpty()) {
            return insufficient(state, seen);
        }
        SettleFxState.Builder next = state.to();
        next.take = proposed;
        next.seen = seen;
        if (fromA) {
            next.phase = SettleFxState.Phase.AWAITING_NOTES;
            return PaymentStep.accepted(next.build(), amounts(state.conversation(), state.give()));
        }
        SettleFxState.Builder sent = SettleFxTransfers.transfer(context, next.build(), picks.get());     // step 3102
        sent.phase = proposed.isEmpty() ? SettleFxState.Phase.AWAITING_READY : SettleFxState.Phase.AWAITING_NOTES;
        SettleFxState built = sent.build();
        return PaymentStep.accepted(built, Wire.notes(state.conversation(), built.sentNotes()));
    }

    /** The peer's packet: verified per agreed amount, then logged CONDITIONAL RECEIVED. */
    private static PaymentStep<SettleFxState> onNotes(Context context, SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_NOTES) {
            return PaymentStep.rejected(state, message + " while waiting for notes");
        }
        CanonicalReader reader = Payloads.read(Purpose.PAYMENT_NOTES, state.conversation(), message.payload());
        List<Note> notes;
        try {
            notes = Wire.getNotes(reader);
            reader.end();
            SettleFxTransfers.verify(context, state, notes);
        } catch (NoteRejectedException e) {
            SettleFxState aborted = SettleFxTransfers.abort(state, PaymentOutcome.NOTES_REJECTED, Optional.of(e.reason()), seen);
            return PaymentStep.settled(aborted, PaymentOutcome.NOTES_REJECTED,
                    Wire.abort(state.conversation(), AbortReason.NOTES_REJECTED, Optional.of(e.reason())));
        }
        SettleFxState.Builder next = state.to();
        next.received = notes;
        next.seen = seen;
        next.book = state.book().withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.RECEIVED, state.conversation(),
                notes.stream().map(LoggedNote::of).toList()));
        if (state.me() == FxCommitOrder.Side.A) {
            // Both transfers logged conditionally (step 3112); "Log Updated" (3114-3116); B commits first on it when X = 1.
            next.phase = SettleFxState.Phase.AWAITING_COMMIT_SIGNAL;
            next.permissionSent = state.first() == FxCommitOrder.Side.B;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.FX_LOG_UPDATED, state.conversation()));
        }
        if (state.give().isEmpty()) {
            // One-way payment (step 3106): Commit of figure 10 with B, the transferee, as X.
            next.phase = SettleFxState.Phase.AWAITING_ACK;
            next.permissionSent = true;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
        }
        Optional<List<NoteChoice.Pick>> picks = SettleFxTransfers.choose(state.book(), state.give(), context.now());
        if (picks.isEmpty()) {
            SettleFxState built = next.build();
            return insufficient(built, seen);
        }
        SettleFxState.Builder sent = SettleFxTransfers.transfer(context, next.build(), picks.get());   // steps 3108-3110
        sent.phase = SettleFxState.Phase.AWAITING_LOG_UPDATED;
        SettleFxState built = sent.build();
        return PaymentStep.accepted(built, Wire.notes(state.conversation(), built.sentNotes()));
    }

    private static PaymentStep<SettleFxState> insufficient(SettleFxState state, List<byte[]> seen) {
        SettleFxState aborted = SettleFxTransfers.abort(state, PaymentOutcome.INSUFFICIENT_FUNDS, Optional.empty(), seen);
        return PaymentStep.settled(aborted, PaymentOutcome.INSUFFICIENT_FUNDS,
                Wire.abort(state.conversation(), AbortReason.CANCELLED, Optional.empty()));
    }

    private static PaymentMessage amounts(ConversationId conversation, SettlementAmounts amounts) {
        CanonicalWriter writer = Payloads.writer(Purpose.SETTLE_FX_AMOUNTS, conversation);
        amounts.write(writer);
        return new PaymentMessage(Purpose.SETTLE_FX_AMOUNTS, writer.toBytes());
    }
}
