package org.ems.money.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;

/**
 * A note as its holder keeps it in the note directory: the note received, the value still held
 * (received minus what was already passed on from it), and the sequence number of the holder's
 * next transfer out of it ("initialized" on receipt, "incremented after every transfer").
 * Invariants: 0 < remaining <= received, nextSequence >= 1. Immutable.
 */
public record HeldNote(Note note, Money remaining, long nextSequence) {

    public HeldNote {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(remaining, "remaining");
        if (!remaining.isPositive() || remaining.isGreaterThan(note.receivedAmount())) {
            throw new IllegalArgumentException("remaining " + remaining + " outside (0, " + note.receivedAmount() + "]");
        }
        if (nextSequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + nextSequence);
        }
    }

    /** A note just received: all of it is held, and the holder's sequence starts at 1. */
    public static HeldNote received(Note note) {
        return new HeldNote(note, note.receivedAmount(), 1);
    }

    /** The outcome of paying from a held note: the note sent, and what the holder keeps (empty when all is paid). */
    public record Paid(Note sent, Optional<HeldNote> kept) {
    }

    /** Pays {@code amount} (at most {@link #remaining()}) of this note to {@code transferee}. */
    public Paid pay(Certificate holderCert, PrivateKey holderKey, ModuleId transferee, Money amount, Instant at) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        if (amount.isGreaterThan(remaining)) {
            throw new InsufficientFundsException(remaining, amount);
        }
        Note sent = note.transfer(holderCert, holderKey, transferee, amount, at, nextSequence);
        Money left = remaining.minus(amount);
        Optional<HeldNote> kept = left.isZero() ? Optional.empty()
                : Optional.of(new HeldNote(note, left, Math.addExact(nextSequence, 1)));
        return new Paid(sent, kept);
    }

    public NoteId id() {
        return note.id();
    }

    /** Records in the note: the "number of transfers" the note choice minimises. */
    public int transferCount() {
        return note.records().size();
    }

    public Instant expiresAt() {
        return note.body().expiresAt();
    }
}
