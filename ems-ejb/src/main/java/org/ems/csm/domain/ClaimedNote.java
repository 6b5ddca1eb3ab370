package org.ems.csm.domain;

import java.util.Objects;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;

/**
 * A note as a lost-note claim lists it: the note with its signatures and certificates, and the
 * value its holder still had of it (the note directory's remaining value). Whether the remaining
 * value is consistent with the note is checked when the claim is verified, not here, so that a
 * claim which lies about it decodes and is refused with AMOUNT_INCONSISTENT.
 */
public record ClaimedNote(Note note, Money remaining) {

    public ClaimedNote {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(remaining, "remaining");
    }

    public static ClaimedNote of(HeldNote held) {
        return new ClaimedNote(held.note(), held.remaining());
    }
}
