package org.ems.money.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteChoice;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteVerifier;

/**
 * What a Settle Foreign Exchange side does to its book: choose, sign and conditionally log its
 * notes (one packet for all its amounts), verify the peer's packet amount by amount, commit each
 * of its two transfers, and abort (figure 11). Package-private helpers of {@link SettleFxParty}.
 */
final class SettleFxTransfers {

    private SettleFxTransfers() {
    }

    /**
     * Note Directory's choice for every amount (steps 3050-3052, 3073-3074), each among the held
     * notes of its type and currency; empty when one amount is not covered, or when all of them
     * would need more notes than one packet carries.
     */
    static Optional<List<NoteChoice.Pick>> choose(ModuleBook book, SettlementAmounts give, Instant now) {
        List<NoteChoice.Pick> picks = new ArrayList<>();
        for (SettlementAmounts.Line line : give.lines()) {
            List<HeldNote> ofType = book.notes().notesOf(line.amount().currency()).stream()
                    .filter(held -> held.note().body().type() == line.type()).toList();
            try {
                picks.addAll(NoteChoice.choose(ofType, line.amount(), now).picks());
            } catch (InsufficientFundsException e) {
                return Optional.empty();
            }
        }
        return picks.size() > NoteVerifier.MAX_NOTES_PER_PAYMENT ? Optional.empty() : Optional.of(picks);
    }

    /** Signs the transfers of {@code picks} to the peer and logs them CONDITIONAL SENT (steps 3102, 3108-3110). */
    static SettleFxState.Builder transfer(SettleFxParty.Context context, SettleFxState state, List<NoteChoice.Pick> picks) {
        List<PayerState.Pending> pending = new ArrayList<>();
        for (NoteChoice.Pick pick : picks) {
            HeldNote held = pick.note();
            HeldNote.Paid paid = context.signer().pay(held, state.peer(), pick.amount(), context.now());
            pending.add(new PayerState.Pending(held.note().lastTransferKey(), paid.sent(), paid.kept()));
        }
        SettleFxState.Builder next = state.to();
        next.pending = pending;
        next.book = state.book().withLog(new LogEntry(LogEntry.Kind.CONDITIONAL, LogEntry.Direction.SENT, state.conversation(),
                pending.stream().map(p -> LoggedNote.of(p.sent())).toList()));
        return next;
    }

    /**
     * The peer's packet against the agreed amounts: every note from the peer, of an agreed type
     * and currency, and for each amount the notes of its type and currency verified as a payment
     * of that amount (figure 8). Throws {@link NoteRejectedException}.
     */
    static void verify(SettleFxParty.Context context, SettleFxState state, List<Note> notes) {
        for (Note note : notes) {
            if (!note.lastRecord().transferorId().equals(state.peer())) {
                throw new NoteRejectedException(NoteRejection.ID_MISMATCH, "note " + note.id() + " is not from " + state.peer());
            }
            if (state.take().lines().stream().noneMatch(line -> line.matches(note))) {
                throw new NoteRejectedException(NoteRejection.WRONG_TOTAL, "note " + note.id() + " of " + note.receivedAmount()
                        + " " + note.body().type() + " is of no agreed amount " + state.take());
            }
        }
        for (SettlementAmounts.Line line : state.take().lines()) {
            List<Note> ofLine = notes.stream().filter(line::matches).toList();
            if (ofLine.isEmpty()) {
                throw new NoteRejectedException(NoteRejection.WRONG_TOTAL, "no notes for the agreed " + line.amount());
            }
            context.verifier().verify(ofLine, line.amount(), context.now(), state.book().history());
        }
        state.book().notes().requireRoomFor(notes.size());
    }

    /** This side's transfer out becomes final: the directory keeps only what was not paid, UNCONDITIONAL SENT. */
    static SettleFxState commitSend(SettleFxState state) {
        NoteDirectory notes = state.book().notes();
        for (PayerState.Pending p : state.pending()) {
            notes = notes.afterPaying(p.heldKey(), p.kept());
        }
        SettleFxState.Builder next = state.to();
        next.book = new ModuleBook(notes, state.book().log()).withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.SENT,
                state.conversation(), sentLogged(state)));
        next.sendCommitted = true;
        return next.build();
    }

    /** Holds the notes received (UNCONDITIONAL RECEIVED); unchanged (not committed) if one of them is already held. */
    static SettleFxState commitReceive(SettleFxState state) {
        if (state.received().isEmpty()) {
            SettleFxState.Builder next = state.to();    // one-way payment, A's side: nothing to receive
            next.receiveCommitted = true;
            return next.build();
        }
        NoteDirectory notes = state.book().notes();
        try {
            for (Note note : state.received()) {
                notes = notes.withReceived(note);
            }
        } catch (NoteRejectedException e) {
            return state;
        }
        SettleFxState.Builder next = state.to();
        next.book = new ModuleBook(notes, state.book().log()).withLog(new LogEntry(LogEntry.Kind.UNCONDITIONAL,
                LogEntry.Direction.RECEIVED, state.conversation(), state.received().stream().map(LoggedNote::of).toList()));
        next.receiveCommitted = true;
        return next.build();
    }

    /**
     * Figure 11: rolls back what is not committed (ABORTED for each conditional entry; nothing
     * logged when nothing was); a FAILED_COMMIT with the note ids and amounts received when this
     * side had sent a message on which the peer may commit its transfer to it.
     */
    static SettleFxState abort(SettleFxState state, PaymentOutcome outcome, Optional<NoteRejection> why, List<byte[]> seen) {
        ModuleBook book = state.book();
        if (!state.sendCommitted() && !state.pending().isEmpty()) {
            book = book.withLog(new LogEntry(LogEntry.Kind.ABORTED, LogEntry.Direction.SENT, state.conversation(), sentLogged(state)));
        }
        boolean failed = false;
        if (!state.receiveCommitted() && !state.received().isEmpty()) {
            failed = state.permissionSent();
            book = book.withLog(new LogEntry(failed ? LogEntry.Kind.FAILED_COMMIT : LogEntry.Kind.ABORTED, LogEntry.Direction.RECEIVED,
                    state.conversation(), state.received().stream().map(LoggedNote::of).toList()));
        }
        SettleFxState.Builder next = state.to();
        next.book = book;
        next.phase = failed ? SettleFxState.Phase.FAILED_COMMIT : SettleFxState.Phase.ABORTED;
        next.outcome = Optional.of(failed ? PaymentOutcome.FAILED_COMMIT : outcome);
        next.rejection = why;
        next.seen = seen;
        return next.build();
    }

    private static List<LoggedNote> sentLogged(SettleFxState state) {
        return state.pending().stream().map(p -> LoggedNote.of(p.sent())).toList();
    }
}
