package org.ems.money.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Branch and bound over subsets of exactly the fewest notes that can pay, for {@link NoteChoice}:
 * prunes a branch when even the largest notes left cannot reach the amount, or when it already
 * has more transfers than the best alternative. Notes come sorted largest first, so the first
 * alternative reached is largest-first. Single use.
 */
final class NoteChoiceSearch {

    private final List<HeldNote> notes;
    private final Money amount;
    private final Instant now;
    private final int size;
    private final long[] prefixSums;
    private final List<HeldNote> current = new ArrayList<>();
    private NoteChoice.Choice best;
    private int nodes;

    NoteChoiceSearch(List<HeldNote> notesLargestFirst, Money amount, Instant now) {
        this.notes = notesLargestFirst;
        this.amount = amount;
        this.now = now;
        this.prefixSums = prefixSums(notesLargestFirst);
        this.size = fewestNotes();
    }

    NoteChoice.Choice run() {
        descend(0, 0, 0);
        return best;
    }

    private int fewestNotes() {
        for (int count = 1; count <= notes.size(); count++) {
            if (prefixSums[count] >= amount.amountMinor()) {
                return count;
            }
        }
        throw new IllegalStateException("caller checked that the notes suffice");
    }

    private void descend(int from, long sum, int transfers) {
        if (current.size() == size) {
            consider();
            return;
        }
        for (int i = from; i <= notes.size() - (size - current.size()); i++) {
            if (++nodes > NoteChoice.SEARCH_BUDGET && best != null) {
                return;
            }
            if (Math.addExact(sum, largestFrom(i, size - current.size())) < amount.amountMinor()) {
                return; // later i only offer smaller notes
            }
            HeldNote note = notes.get(i);
            int withNote = transfers + note.transferCount();
            if (best != null && withNote + (size - current.size() - 1) > best.transferCount()) {
                continue;
            }
            current.add(note);
            descend(i + 1, Math.addExact(sum, note.remaining().amountMinor()), withNote);
            current.remove(current.size() - 1);
        }
    }

    /** Sum of the {@code count} notes from index {@code from}: the largest available, as the list is sorted. */
    private long largestFrom(int from, int count) {
        return prefixSums[from + count] - prefixSums[from];
    }

    private static long[] prefixSums(List<HeldNote> notes) {
        long[] sums = new long[notes.size() + 1];
        for (int i = 0; i < notes.size(); i++) {
            sums[i + 1] = Math.addExact(sums[i], notes.get(i).remaining().amountMinor());
        }
        return sums;
    }

    private void consider() {
        NoteChoice.Choice candidate = NoteChoice.allocate(current, amount, now);
        if (best == null || isBetter(candidate, best)) {
            best = candidate;
        }
    }

    private static boolean isBetter(NoteChoice.Choice a, NoteChoice.Choice b) {
        if (a.transferCount() != b.transferCount()) {
            return a.transferCount() < b.transferCount();
        }
        BigInteger unitDaysA = a.monetaryUnitDays();
        return unitDaysA.compareTo(b.monetaryUnitDays()) < 0;
    }
}
