package org.ems.money.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteChoice;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Payloads;
import org.ems.security.domain.ModuleId;

/**
 * Foreign exchange between modules A and B after the amounts are agreed (figure 9, steps
 * 1672-1700): A transfers its notes, B verifies them and transfers its own, A verifies those and
 * sends "Log Updated"; then the transfer S(X) to S(not X) commits first ({@link FxCommitOrder}):
 *
 * <ul>
 * <li>X = 1 (B first): B commits its transfer on "Log Updated" and sends Ready-to-Commit; A commits
 * both its transfers and acknowledges; B commits its receipt.
 * <li>X = 0 (A first): B sends "Start Commit"; A commits its transfer and sends Ready-to-Commit;
 * B commits both and acknowledges; A commits its receipt.
 * </ul>
 *
 * <p>For each transfer the transferor commits before the transferee. A party that aborts after
 * sending a message on which the peer may commit a transfer to it ("Log Updated" when X = 1,
 * "Start Commit", Ready-to-Commit) logs FAILED_COMMIT for the notes it received; otherwise an abort
 * rolls back whatever it has not committed. One pure step per input, like {@link Payer}.
 */
public final class FxParty {

    public record Context(ConversationId conversation, Instant now, NoteSigner signer, PaymentVerifier verifier) {
        public Context {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(verifier, "verifier");
        }
    }

    private FxParty() {
    }

    /** A starts: transfers {@code give} to B (step 1674) and waits for B's notes. */
    public static PaymentStep<FxState> startA(Context context, ModuleBook book, ModuleId b, Money give, Money take,
            FxCommitOrder.Side first) {
        FxState state = new FxState(FxCommitOrder.Side.A, first, FxState.Phase.AWAITING_NOTES, context.conversation(), b, give, take,
                book, List.of(), List.of(), false, false, false, Optional.empty(), Optional.empty(), List.of());
        return transferMine(context, state, FxState.Phase.AWAITING_NOTES);
    }

    /** B waits for A's notes (unsettled: arm the timer). */
    public static FxState expectB(Context context, ModuleBook book, ModuleId a, Money give, Money take, FxCommitOrder.Side first) {
        return new FxState(FxCommitOrder.Side.B, first, FxState.Phase.AWAITING_NOTES, context.conversation(), a, give, take, book,
                List.of(), List.of(), false, false, false, Optional.empty(), Optional.empty(), List.of());
    }

    public static PaymentStep<FxState> onMessage(Context context, FxState state, PaymentMessage message) {
        if (Wire.seen(state.seen(), message)) {
            return PaymentStep.duplicate(state);
        }
        if (state.isSettled()) {
            return PaymentStep.rejected(state, message + " after the exchange " + state.phase());
        }
        List<byte[]> seen = Wire.remember(state.seen(), message);
        try {
            if (message.purpose() == Purpose.PAYMENT_ABORT) {
                Wire.Abort abort = Wire.readAbort(state.conversation(), message);
                PaymentOutcome outcome = abort.reason() == AbortReason.NOTES_REJECTED ? PaymentOutcome.NOTES_REJECTED
                        : PaymentOutcome.ABORTED_BY_PEER;
                FxState aborted = abort(state, outcome, Optional.empty(), seen);
                return PaymentStep.settled(aborted, aborted.outcome().orElseThrow());
            }
            return switch (state.phase()) {
                case AWAITING_NOTES -> onNotes(context, state, message, seen);
                case AWAITING_LOG_UPDATED -> onLogUpdated(state, message, seen);
                case AWAITING_COMMIT_SIGNAL -> onCommitSignal(state, message, seen);
                case AWAITING_READY -> onReady(state, message, seen);
                case AWAITING_ACK -> onAck(state, message, seen);
                default -> PaymentStep.rejected(state, message + " in " + state.phase());
            };
        } catch (MalformedEncodingException e) {
            return PaymentStep.rejected(state, "malformed or of another conversation: " + e.getMessage());
        }
    }

    /** Waiting in vain in any phase aborts (with a failed commit where one is due) and tells the peer. */
    public static PaymentStep<FxState> onTimeout(Context context, FxState state) {
        if (state.isSettled()) {
            return PaymentStep.rejected(state, "no timer in " + state.phase());
        }
        FxState aborted = abort(state, PaymentOutcome.TIMED_OUT, Optional.empty(), state.seen());
        return PaymentStep.settled(aborted, aborted.outcome().orElseThrow(),
                Wire.abort(state.conversation(), AbortReason.TIMED_OUT, Optional.empty()));
    }

    private static PaymentStep<FxState> onNotes(Context context, FxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_NOTES) {
            return PaymentStep.rejected(state, message + " while waiting for notes");
        }
        CanonicalReader reader = Payloads.read(Purpose.PAYMENT_NOTES, state.conversation(), message.payload());
        List<Note> notes;
        try {
            notes = Wire.getNotes(reader);
            reader.end();
            for (Note note : notes) {
                if (!note.lastRecord().transferorId().equals(state.peer())) {
                    throw new NoteRejectedException(NoteRejection.ID_MISMATCH, "note " + note.id() + " is not from " + state.peer());
                }
            }
            context.verifier().verify(notes, state.take(), context.now(), state.book().history());
            state.book().notes().requireRoomFor(notes.size());
        } catch (NoteRejectedException e) {
            FxState aborted = abort(state, PaymentOutcome.NOTES_REJECTED, Optional.of(e.reason()), seen);
            return PaymentStep.settled(aborted, PaymentOutcome.NOTES_REJECTED,
                    Wire.abort(state.conversation(), AbortReason.NOTES_REJECTED, Optional.of(e.reason())));
        }
        FxState.Builder next = state.to();
        next.received = notes;
        next.seen = seen;
        next.book = state.book().withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.RECEIVED, state.conversation(),
                notes.stream().map(LoggedNote::of).toList()));
        if (state.me() == FxCommitOrder.Side.B) {
            return transferMine(context, next.build(), FxState.Phase.AWAITING_LOG_UPDATED);
        }
        // A: both transfers are logged conditionally (step 1680); "Log Updated" (1682-1684).
        next.phase = FxState.Phase.AWAITING_COMMIT_SIGNAL;
        next.permissionSent = state.first() == FxCommitOrder.Side.B;   // B commits its transfer to A on it
        return PaymentStep.accepted(next.build(), Wire.only(Purpose.FX_LOG_UPDATED, state.conversation()));
    }

    private static PaymentStep<FxState> onLogUpdated(FxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.FX_LOG_UPDATED) {
            return PaymentStep.rejected(state, message + " while waiting for Log Updated");
        }
        Payloads.readOnly(Purpose.FX_LOG_UPDATED, state.conversation(), message.payload());
        if (state.first() == FxCommitOrder.Side.B) {
            // X = 1: B's log update becomes unconditional (1688-1690), then Commit with B as X of figure 10.
            FxState.Builder next = commitSend(state).to();
            next.phase = FxState.Phase.AWAITING_ACK;
            next.permissionSent = true;
            next.seen = seen;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
        }
        FxState.Builder next = state.to();
        next.phase = FxState.Phase.AWAITING_READY;
        next.permissionSent = true;    // A commits its transfer to B on Start Commit
        next.seen = seen;
        return PaymentStep.accepted(next.build(), Wire.only(Purpose.FX_START_COMMIT, state.conversation()));
    }

    private static PaymentStep<FxState> onCommitSignal(FxState state, PaymentMessage message, List<byte[]> seen) {
        if (state.first() == FxCommitOrder.Side.B && message.purpose() == Purpose.PAYMENT_READY_TO_COMMIT) {
            Payloads.readOnly(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation(), message.payload());
            FxState.Builder next = commitReceive(commitSend(state)).to();
            next.phase = FxState.Phase.COMMITTED;
            next.outcome = Optional.of(PaymentOutcome.RECEIVED);
            next.seen = seen;
            return PaymentStep.settled(next.build(), PaymentOutcome.RECEIVED, Wire.only(Purpose.PAYMENT_COMMIT_ACK, state.conversation()));
        }
        if (state.first() == FxCommitOrder.Side.A && message.purpose() == Purpose.FX_START_COMMIT) {
            Payloads.readOnly(Purpose.FX_START_COMMIT, state.conversation(), message.payload());
            FxState.Builder next = commitSend(state).to();   // step 1698
            next.phase = FxState.Phase.AWAITING_ACK;
            next.permissionSent = true;
            next.seen = seen;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
        }
        return PaymentStep.rejected(state, message + " is not the commit signal for S(X) = " + state.first());
    }

    private static PaymentStep<FxState> onReady(FxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_READY_TO_COMMIT) {
            return PaymentStep.rejected(state, message + " while waiting for Ready-to-Commit");
        }
        Payloads.readOnly(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation(), message.payload());
        FxState.Builder next = commitReceive(commitSend(state)).to();
        next.phase = FxState.Phase.COMMITTED;
        next.outcome = Optional.of(PaymentOutcome.RECEIVED);
        next.seen = seen;
        return PaymentStep.settled(next.build(), PaymentOutcome.RECEIVED, Wire.only(Purpose.PAYMENT_COMMIT_ACK, state.conversation()));
    }

    private static PaymentStep<FxState> onAck(FxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_COMMIT_ACK) {
            return PaymentStep.rejected(state, message + " while waiting for the acknowledgement");
        }
        Payloads.readOnly(Purpose.PAYMENT_COMMIT_ACK, state.conversation(), message.payload());
        FxState committed = commitReceive(state);
        if (!committed.receiveCommitted()) {
            FxState failed = abort(state, PaymentOutcome.FAILED_COMMIT, Optional.empty(), seen);
            return PaymentStep.settled(failed, failed.outcome().orElseThrow());
        }
        FxState.Builder next = committed.to();
        next.phase = FxState.Phase.COMMITTED;
        next.outcome = Optional.of(PaymentOutcome.RECEIVED);
        next.seen = seen;
        return PaymentStep.settled(next.build(), PaymentOutcome.RECEIVED);
    }

    /** Chooses and signs this side's notes, logs them conditionally, sends them. */
    private static PaymentStep<FxState> transferMine(Context context, FxState state, FxState.Phase then) {
        NoteChoice.Choice choice;
        try {
            choice = NoteChoice.choose(state.book().notes().notesOf(state.give().currency()), state.give(), context.now());
        } catch (InsufficientFundsException e) {
            FxState aborted = abort(state, PaymentOutcome.INSUFFICIENT_FUNDS, Optional.empty(), state.seen());
            return PaymentStep.settled(aborted, PaymentOutcome.INSUFFICIENT_FUNDS,
                    Wire.abort(state.conversation(), AbortReason.CANCELLED, Optional.empty()));
        }
        List<PayerState.Pending> pending = new ArrayList<>();
        for (NoteChoice.Pick pick : choice.picks()) {
            HeldNote held = pick.note();
            HeldNote.Paid paid = context.signer().pay(held, state.peer(), pick.amount(), context.now());
            pending.add(new PayerState.Pending(held.note().lastTransferKey(), paid.sent(), paid.kept()));
        }
        FxState.Builder next = state.to();
        next.pending = pending;
        next.phase = then;
        next.book = state.book().withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.SENT, state.conversation(),
                pending.stream().map(p -> LoggedNote.of(p.sent())).toList()));
        FxState built = next.build();
        return PaymentStep.accepted(built, Wire.notes(state.conversation(), built.sentNotes()));
    }

    private static FxState commitSend(FxState state) {
        NoteDirectory notes = state.book().notes();
        for (PayerState.Pending p : state.pending()) {
            notes = notes.afterPaying(p.heldKey(), p.kept());
        }
        FxState.Builder next = state.to();
        next.book = new ModuleBook(notes, state.book().log()).withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.SENT,
                state.conversation(), state.pending().stream().map(p -> LoggedNote.of(p.sent())).toList()));
        next.sendCommitted = true;
        return next.build();
    }

    /** Holds the notes received; unchanged (not committed) if one of them is already held. */
    private static FxState commitReceive(FxState state) {
        NoteDirectory notes = state.book().notes();
        try {
            for (Note note : state.received()) {
                notes = notes.withReceived(note);
            }
        } catch (NoteRejectedException e) {
            return state;
        }
        FxState.Builder next = state.to();
        next.book = new ModuleBook(notes, state.book().log()).withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL,
                LogEntry.Direction.RECEIVED, state.conversation(), state.received().stream().map(LoggedNote::of).toList()));
        next.receiveCommitted = true;
        return next.build();
    }

    /** Figure 11: rolls back what is not committed; a failed commit for the notes received once permission was sent. */
    private static FxState abort(FxState state, PaymentOutcome outcome, Optional<NoteRejection> why, List<byte[]> seen) {
        FxState.Builder next = state.to();
        ModuleBook book = state.book();
        boolean failed = false;
        if (!state.sendCommitted() && !state.pending().isEmpty()) {
            book = book.withLog(new LogEntry(LogEntry.Kind.ABORTED, LogEntry.Direction.SENT, state.conversation(),
                    state.pending().stream().map(p -> LoggedNote.of(p.sent())).toList()));
        }
        if (!state.receiveCommitted()) {
            List<LoggedNote> received = state.received().stream().map(LoggedNote::of).toList();
            failed = state.permissionSent() && !received.isEmpty();
            book = book.withLog(new LogEntry(failed ? LogEntry.Kind.FAILED_COMMIT : LogEntry.Kind.ABORTED, LogEntry.Direction.RECEIVED,
                    state.conversation(), received));
        }
        next.book = book;
        next.phase = failed ? FxState.Phase.FAILED_COMMIT : FxState.Phase.ABORTED;
        next.outcome = Optional.of(failed ? PaymentOutcome.FAILED_COMMIT : outcome);
        next.rejection = why;
        next.seen = seen;
        return next.build();
    }
}
