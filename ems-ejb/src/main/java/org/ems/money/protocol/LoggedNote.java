package org.ems.money.protocol;

import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteTransferKey;

/** A note as the transaction log records it: the transfer (its node in the note transfer tree, hence the note id) and its amount. */
public record LoggedNote(NoteTransferKey key, Money amount) {

    public LoggedNote {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a logged note has a positive amount: " + amount);
        }
    }

    /** The transfer that delivered {@code note} to its holder. */
    public static LoggedNote of(Note note) {
        return new LoggedNote(note.lastTransferKey(), note.receivedAmount());
    }

    public NoteId noteId() {
        return key.noteId();
    }

    void write(CanonicalWriter writer) {
        writer.putLong(key.noteId().high()).putLong(key.noteId().low()).putBytes(key.parentDigest()).putLong(key.sequence());
        writer.putString(amount.currency().code()).putLong(amount.amountMinor());
    }

    static LoggedNote read(CanonicalReader reader) {
        NoteId id = new NoteId(reader.getLong(), reader.getLong());
        NoteTransferKey key = new NoteTransferKey(id, reader.getBytes(64), reader.getLong());
        Money amount = Money.of(CurrencyCode.of(reader.getString(8)), reader.getLong());
        return new LoggedNote(key, amount);
    }
}
