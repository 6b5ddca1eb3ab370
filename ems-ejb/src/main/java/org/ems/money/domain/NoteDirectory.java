package org.ems.money.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's Note Directory: the notes it holds, each under the transfer-tree node it received
 * ({@link Note#lastTransferKey()}; one module may hold several pieces of one note, received along
 * different branches), with its remaining value and sequence number. Immutable: every change
 * returns a new directory. Invariants: at most {@link #MAX_NOTES} notes, no key twice.
 */
public final class NoteDirectory {

    /**
     * Notes (pieces) one module holds. A settlement coordinator holds the pay-ins of a whole cycle:
     * a CLS-sized one (70 counterparties, 18 currencies) brought about 1,100 pieces, past the 1,024
     * this was first; 4,096 leaves room for one cycle of 70 x 18 with two pieces a position, and
     * keeps a module's sealed book (about 0.6 KB a piece) within its column.
     */
    public static final int MAX_NOTES = 4096;

    private static final NoteDirectory EMPTY = new NoteDirectory(Map.of());

    private final Map<NoteTransferKey, HeldNote> notes;

    private NoteDirectory(Map<NoteTransferKey, HeldNote> notes) {
        this.notes = Collections.unmodifiableMap(notes);
    }

    public static NoteDirectory empty() {
        return EMPTY;
    }

    /** The directory with a newly received note; a key already held is refused (it would be a duplicate). */
    public NoteDirectory withReceived(Note note) {
        NoteTransferKey key = note.lastTransferKey();
        if (notes.containsKey(key)) {
            throw new NoteRejectedException(NoteRejection.DUPLICATE, "already held: " + key);
        }
        if (notes.size() >= MAX_NOTES) {
            throw new IllegalStateException("note directory full: " + MAX_NOTES + " notes");
        }
        Map<NoteTransferKey, HeldNote> next = new LinkedHashMap<>(notes);
        next.put(key, HeldNote.received(note));
        return new NoteDirectory(next);
    }

    /**
     * Refuses ({@link NoteRejection#DIRECTORY_FULL}) a payment of {@code count} notes this directory
     * could not hold: checked with the notes' verification, so that a full receiver refuses before it
     * lets the payer commit, instead of failing its own commit.
     */
    public void requireRoomFor(int count) {
        if (notes.size() + count > MAX_NOTES) {
            throw new NoteRejectedException(NoteRejection.DIRECTORY_FULL, notes.size() + " notes held, " + count + " more would pass the "
                    + MAX_NOTES + " a module holds");
        }
    }

    /** The directory after paying from a held note: its new state, or gone when it was paid out whole. */
    public NoteDirectory afterPaying(NoteTransferKey key, Optional<HeldNote> kept) {
        HeldNote before = find(key).orElseThrow(() -> new IllegalArgumentException("not held: " + key));
        Map<NoteTransferKey, HeldNote> next = new LinkedHashMap<>(notes);
        if (kept.isPresent()) {
            HeldNote after = kept.get();
            if (!after.note().equals(before.note()) || after.nextSequence() <= before.nextSequence()) {
                throw new IllegalArgumentException("the kept note must be the same note with a later sequence number");
            }
            next.put(key, after);
        } else {
            next.remove(key);
        }
        return new NoteDirectory(next);
    }

    public Optional<HeldNote> find(NoteTransferKey key) {
        return Optional.ofNullable(notes.get(key));
    }

    /** Whether the module holds the note that this transfer created (part of the duplicate check). */
    public boolean holds(NoteTransferKey key) {
        return notes.containsKey(key);
    }

    /** Held notes in the order received. */
    public List<HeldNote> notes() {
        return List.copyOf(notes.values());
    }

    public List<HeldNote> notesOf(CurrencyCode currency) {
        List<HeldNote> of = new ArrayList<>();
        for (HeldNote note : notes.values()) {
            if (note.remaining().currency().equals(currency)) {
                of.add(note);
            }
        }
        return of;
    }

    /** The sum of the remaining values of the notes of {@code currency} (of every type and expiry). */
    public Money balance(CurrencyCode currency) {
        Money sum = Money.zero(currency);
        for (HeldNote note : notesOf(currency)) {
            sum = sum.plus(note.remaining());
        }
        return sum;
    }

    public int size() {
        return notes.size();
    }
}
