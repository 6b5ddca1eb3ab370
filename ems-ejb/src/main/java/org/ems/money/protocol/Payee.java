package org.ems.money.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Payloads;
import org.ems.security.domain.ModuleId;

/**
 * The transferee of a payment (figure 8 as Y; figure 10 as X, the sender of Ready-to-Commit,
 * which commits last). Pure: every step returns the new state and the messages to send.
 *
 * <ul>
 * <li>Notes: verified (figure 8); any rejection aborts with its reason and changes nothing held;
 * otherwise CONDITIONAL RECEIVED is logged and Ready-to-Commit sent.
 * <li>Acknowledgement: commits (notes held, UNCONDITIONAL RECEIVED).
 * <li>Abort or timeout after Ready-to-Commit: FAILED_COMMIT with the notes' ids and amounts
 * (figure 11, step 1732); before it: ABORTED.
 * </ul>
 */
public final class Payee {

    /** The payee's side of the step: conversation, corrected time, and its verification of figure 8. */
    public record Context(ConversationId conversation, Instant now, PaymentVerifier verifier) {
        public Context {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(verifier, "verifier");
        }
    }

    private Payee() {
    }

    /** A payee that agreed to receive {@code amount} from {@code payer} and now waits for the notes (unsettled: arm the timer). */
    public static PayeeState expect(Context context, ModuleBook book, ModuleId payer, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        return new PayeeState(PayeeState.Phase.AWAITING_NOTES, context.conversation(), payer, amount, book, List.of(),
                Optional.empty(), Optional.empty(), List.of());
    }

    /** One message from the payer, opened from the session. */
    public static PaymentStep<PayeeState> onMessage(Context context, PayeeState state, PaymentMessage message) {
        if (Wire.seen(state.seen(), message)) {
            return PaymentStep.duplicate(state);
        }
        try {
            return switch (state.phase()) {
                case AWAITING_NOTES -> awaitingNotes(context, state, message);
                case AWAITING_ACK -> awaitingAck(state, message);
                default -> PaymentStep.rejected(state, message + " after the payment " + state.phase());
            };
        } catch (MalformedEncodingException e) {
            return PaymentStep.rejected(state, "malformed or of another conversation: " + e.getMessage());
        }
    }

    /** The payee's timer: before Ready-to-Commit an abort; after it a failed commit. Either way the payer is told. */
    public static PaymentStep<PayeeState> onTimeout(Context context, PayeeState state) {
        PaymentMessage abort = Wire.abort(state.conversation(), AbortReason.TIMED_OUT, Optional.empty());
        return switch (state.phase()) {
            case AWAITING_NOTES -> PaymentStep.settled(aborted(state, PaymentOutcome.TIMED_OUT, Optional.empty(), state.seen()),
                    PaymentOutcome.TIMED_OUT, abort);
            case AWAITING_ACK -> PaymentStep.settled(failedCommit(state, state.seen()), PaymentOutcome.FAILED_COMMIT, abort);
            default -> PaymentStep.rejected(state, "no timer in " + state.phase());
        };
    }

    private static PaymentStep<PayeeState> awaitingNotes(Context context, PayeeState state, PaymentMessage message) {
        List<byte[]> seen = Wire.remember(state.seen(), message);
        if (message.purpose() == Purpose.PAYMENT_ABORT) {
            Wire.readAbort(state.conversation(), message);
            return PaymentStep.settled(aborted(state, PaymentOutcome.ABORTED_BY_PEER, Optional.empty(), seen),
                    PaymentOutcome.ABORTED_BY_PEER);
        }
        if (message.purpose() != Purpose.PAYMENT_NOTES) {
            return PaymentStep.rejected(state, message + " while waiting for notes");
        }
        CanonicalReader reader = Payloads.read(Purpose.PAYMENT_NOTES, state.conversation(), message.payload());
        List<Note> notes;
        try {
            notes = Wire.getNotes(reader);
            reader.end();
            for (Note note : notes) {
                if (!note.lastRecord().transferorId().equals(state.payer())) {
                    throw new NoteRejectedException(org.ems.money.domain.NoteRejection.ID_MISMATCH,
                            "note " + note.id() + " is not from the payer " + state.payer());
                }
            }
            context.verifier().verify(notes, state.amount(), context.now(), state.book().history());
            state.book().notes().requireRoomFor(notes.size());
        } catch (NoteRejectedException e) {
            PayeeState next = aborted(state, PaymentOutcome.NOTES_REJECTED, Optional.of(e.reason()), seen);
            return PaymentStep.settled(next, PaymentOutcome.NOTES_REJECTED,
                    Wire.abort(state.conversation(), AbortReason.NOTES_REJECTED, Optional.of(e.reason())));
        }
        ModuleBook book = state.book().withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.RECEIVED,
                state.conversation(), notes.stream().map(LoggedNote::of).toList()));
        PayeeState next = state.with(PayeeState.Phase.AWAITING_ACK, book, notes, Optional.empty(), Optional.empty(), seen);
        return PaymentStep.accepted(next, Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
    }

    private static PaymentStep<PayeeState> awaitingAck(PayeeState state, PaymentMessage message) {
        List<byte[]> seen = Wire.remember(state.seen(), message);
        if (message.purpose() == Purpose.PAYMENT_COMMIT_ACK) {
            Payloads.readOnly(Purpose.PAYMENT_COMMIT_ACK, state.conversation(), message.payload());
            NoteDirectory notes = state.book().notes();
            try {
                for (Note note : state.received()) {
                    notes = notes.withReceived(note);
                }
            } catch (NoteRejectedException e) {
                // The same transfer reached this module in another conversation meanwhile: hold it once, record the rest.
                return PaymentStep.settled(failedCommit(state, seen), PaymentOutcome.FAILED_COMMIT);
            }
            ModuleBook book = new ModuleBook(notes, state.book().log()).withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL,
                    LogEntry.Direction.RECEIVED, state.conversation(), logged(state)));
            PayeeState next = state.with(PayeeState.Phase.COMMITTED, book, state.received(), Optional.of(PaymentOutcome.RECEIVED),
                    Optional.empty(), seen);
            return PaymentStep.settled(next, PaymentOutcome.RECEIVED);
        }
        if (message.purpose() == Purpose.PAYMENT_ABORT) {
            Wire.readAbort(state.conversation(), message);
            return PaymentStep.settled(failedCommit(state, seen), PaymentOutcome.FAILED_COMMIT);
        }
        return PaymentStep.rejected(state, message + " while waiting for the acknowledgement");
    }

    private static PayeeState aborted(PayeeState state, PaymentOutcome outcome, Optional<org.ems.money.domain.NoteRejection> why,
            List<byte[]> seen) {
        ModuleBook book = state.book().withLog(new LogEntry(LogEntry.Kind.ABORTED, LogEntry.Direction.RECEIVED, state.conversation(),
                List.of()));
        return state.with(PayeeState.Phase.ABORTED, book, List.of(), Optional.of(outcome), why, seen);
    }

    private static PayeeState failedCommit(PayeeState state, List<byte[]> seen) {
        ModuleBook book = state.book().withLog(new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED,
                state.conversation(), logged(state)));
        return state.with(PayeeState.Phase.FAILED_COMMIT, book, state.received(), Optional.of(PaymentOutcome.FAILED_COMMIT),
                Optional.empty(), seen);
    }

    private static List<LoggedNote> logged(PayeeState state) {
        return state.received().stream().map(LoggedNote::of).toList();
    }
}
