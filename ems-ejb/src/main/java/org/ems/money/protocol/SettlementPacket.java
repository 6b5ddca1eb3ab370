package org.ems.money.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteChoice;
import org.ems.money.domain.NoteVerifier;

/**
 * How much of a larger settlement one Settle Foreign Exchange packet carries: a packet holds at
 * most {@link NoteVerifier#MAX_NOTES_PER_PAYMENT} notes, and a module that holds many small
 * pieces may need more than that for amounts it does hold. A host that settles a transfer in
 * several packets asks this for the next one.
 */
public final class SettlementPacket {

    private SettlementPacket() {
    }

    /**
     * The leading amounts of {@code give} (in its canonical order) that one packet carries from
     * {@code book} at {@code now}: every whole amount while its notes (Note Directory's choice, as
     * {@code settle} makes it) fit, then, of the first amount that does not fit, what the largest
     * notes of the room left pay; the amounts before the first one the book does not cover. Never
     * more than {@code give}; empty when not even one note of the first amount is held.
     */
    public static SettlementAmounts fitting(ModuleBook book, SettlementAmounts give, Instant now) {
        List<SettlementAmounts.Line> fits = new ArrayList<>();
        int room = NoteVerifier.MAX_NOTES_PER_PAYMENT;
        for (SettlementAmounts.Line line : give.lines()) {
            List<HeldNote> eligible = eligible(book, line, now);
            int needed;
            try {
                needed = NoteChoice.choose(eligible, line.amount(), now).picks().size();
            } catch (InsufficientFundsException e) {
                break;
            }
            if (needed <= room) {
                fits.add(line);
                room -= needed;
                continue;
            }
            // fewer than `needed` notes never reach the amount, so the `room` largest pay less than it, in `room` notes
            Money largest = Money.zero(line.amount().currency());
            for (HeldNote note : eligible.subList(0, room)) {
                largest = largest.plus(note.remaining());
            }
            if (largest.isPositive()) {
                fits.add(new SettlementAmounts.Line(line.type(), largest));
            }
            break;
        }
        return new SettlementAmounts(fits);
    }

    /** The line's type and currency, unexpired, largest remaining first (ties by id, as Note Directory orders them). */
    private static List<HeldNote> eligible(ModuleBook book, SettlementAmounts.Line line, Instant now) {
        return book.notes().notesOf(line.amount().currency()).stream()
                .filter(held -> held.note().body().type() == line.type() && !held.note().body().isExpiredAt(now))
                .sorted(Comparator.comparing((HeldNote held) -> held.remaining().amountMinor()).reversed()
                        .thenComparing(HeldNote::id))
                .toList();
    }
}
