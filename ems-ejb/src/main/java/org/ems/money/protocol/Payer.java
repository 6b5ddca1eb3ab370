package org.ems.money.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteChoice;
import org.ems.money.domain.NoteDirectory;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Payloads;
import org.ems.security.domain.ModuleId;

/**
 * The transferor of a payment (figure 8 as X, figure 10 as the receiver of Ready-to-Commit, so
 * it commits first). Pure: every step returns the new state and the messages to send.
 *
 * <ul>
 * <li>{@link #start}: chooses the notes (NoteChoice), transfers them, logs CONDITIONAL SENT, sends them.
 * <li>Ready-to-Commit: commits (book updated, UNCONDITIONAL SENT) and acknowledges in the same step.
 * <li>Abort, or a timeout, before committing: logs ABORTED; the notes stay the payer's.
 * <li>After committing nothing moves it back: a payee that then aborts logs the failed commit.
 * </ul>
 */
public final class Payer {

    /** The payer's side of the step: conversation, corrected time, and the key that signs transfers. */
    public record Context(ConversationId conversation, Instant now, NoteSigner signer) {
        public Context {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(signer, "signer");
        }
    }

    private Payer() {
    }

    /** Starts paying {@code amount} to {@code payee} from {@code book} (steps 1566-1574). */
    public static PaymentStep<PayerState> start(Context context, ModuleBook book, ModuleId payee, Money amount) {
        NoteDirectory notes = book.notes();
        NoteChoice.Choice choice;
        try {
            choice = NoteChoice.choose(notes.notesOf(amount.currency()), amount, context.now());
        } catch (InsufficientFundsException e) {
            PayerState state = new PayerState(PayerState.Phase.ABORTED, context.conversation(), payee, amount, book, List.of(),
                    Optional.of(PaymentOutcome.INSUFFICIENT_FUNDS), List.of());
            return PaymentStep.settled(state, PaymentOutcome.INSUFFICIENT_FUNDS,
                    Wire.abort(context.conversation(), AbortReason.CANCELLED, Optional.empty()));
        }
        List<PayerState.Pending> pending = new ArrayList<>();
        List<LoggedNote> logged = new ArrayList<>();
        for (NoteChoice.Pick pick : choice.picks()) {
            HeldNote held = pick.note();
            HeldNote.Paid paid = context.signer().pay(held, payee, pick.amount(), context.now());
            pending.add(new PayerState.Pending(held.note().lastTransferKey(), paid.sent(), paid.kept()));
            logged.add(LoggedNote.of(paid.sent()));
        }
        ModuleBook logBook = book.withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.SENT, context.conversation(), logged));
        PayerState state = new PayerState(PayerState.Phase.AWAITING_READY, context.conversation(), payee, amount, logBook, pending,
                Optional.empty(), List.of());
        return PaymentStep.accepted(state, Wire.notes(context.conversation(), state.sentNotes()));
    }

    /** One message from the payee, opened from the session. */
    public static PaymentStep<PayerState> onMessage(Context context, PayerState state, PaymentMessage message) {
        if (Wire.seen(state.seen(), message)) {
            return PaymentStep.duplicate(state);
        }
        if (state.phase() != PayerState.Phase.AWAITING_READY) {
            return PaymentStep.rejected(state, message + " after the payment " + state.phase());
        }
        try {
            if (message.purpose() == Purpose.PAYMENT_READY_TO_COMMIT) {
                Payloads.readOnly(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation(), message.payload());
                return commit(state, message);
            }
            if (message.purpose() == Purpose.PAYMENT_ABORT) {
                Wire.Abort abort = Wire.readAbort(state.conversation(), message);
                PaymentOutcome outcome = abort.reason() == AbortReason.NOTES_REJECTED ? PaymentOutcome.NOTES_REJECTED
                        : PaymentOutcome.ABORTED_BY_PEER;
                return PaymentStep.settled(rolledBack(state, outcome, Wire.remember(state.seen(), message)), outcome);
            }
        } catch (MalformedEncodingException e) {
            return PaymentStep.rejected(state, "malformed or of another conversation: " + e.getMessage());
        }
        return PaymentStep.rejected(state, message + " is not a payee's message");
    }

    /** The payer's timer: waiting for Ready-to-Commit in vain aborts and tells the payee. */
    public static PaymentStep<PayerState> onTimeout(Context context, PayerState state) {
        if (state.phase() != PayerState.Phase.AWAITING_READY) {
            return PaymentStep.rejected(state, "no timer in " + state.phase());
        }
        return PaymentStep.settled(rolledBack(state, PaymentOutcome.TIMED_OUT, state.seen()), PaymentOutcome.TIMED_OUT,
                Wire.abort(state.conversation(), AbortReason.TIMED_OUT, Optional.empty()));
    }

    /** Step 1710 at the payer (the receiver of Ready-to-Commit commits first), with the acknowledgement. */
    private static PaymentStep<PayerState> commit(PayerState state, PaymentMessage message) {
        NoteDirectory notes = state.book().notes();
        for (PayerState.Pending p : state.pending()) {
            notes = notes.afterPaying(p.heldKey(), p.kept());
        }
        ModuleBook book = new ModuleBook(notes, state.book().log())
                .withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.SENT, state.conversation(), logged(state)));
        PayerState next = state.with(PayerState.Phase.COMMITTED, book, Optional.of(PaymentOutcome.PAID),
                Wire.remember(state.seen(), message));
        return PaymentStep.settled(next, PaymentOutcome.PAID, Wire.only(Purpose.PAYMENT_COMMIT_ACK, state.conversation()));
    }

    private static PayerState rolledBack(PayerState state, PaymentOutcome outcome, List<byte[]> seen) {
        ModuleBook book = state.book()
                .withLog(new LogEntry(LogEntry.Kind.ABORTED, LogEntry.Direction.SENT, state.conversation(), logged(state)));
        return state.with(PayerState.Phase.ABORTED, book, Optional.of(outcome), seen);
    }

    private static List<LoggedNote> logged(PayerState state) {
        return state.pending().stream().map(p -> LoggedNote.of(p.sent())).toList();
    }
}
