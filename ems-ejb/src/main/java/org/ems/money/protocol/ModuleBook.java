package org.ems.money.protocol;

import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteHistory;

/**
 * What a module holds: its note directory (the notes it holds unconditionally) and its
 * transaction log. A step of a payment party changes both in one transaction. Immutable.
 */
public record ModuleBook(NoteDirectory notes, TransactionLog log) {

    /** Bound on one encoded note at rest (the note's own limit is about 300 KiB). */
    static final int MAX_NOTE_BYTES = 512 * 1024;

    public ModuleBook {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(log, "log");
    }

    public static ModuleBook of(NoteDirectory notes) {
        return new ModuleBook(notes, TransactionLog.empty());
    }

    /** The value held unconditionally in {@code currency}. */
    public Money balance(CurrencyCode currency) {
        return notes.balance(currency);
    }

    ModuleBook withLog(LogEntry entry) {
        return new ModuleBook(notes, log.append(entry));
    }

    /** What the duplicate check asks: notes held, and transfers received unconditionally. */
    public NoteHistory history() {
        return key -> notes.holds(key) || log.hasReceived(key);
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.MODULE_BOOK);
        write(writer);
        return writer.toBytes();
    }

    public static ModuleBook decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.MODULE_BOOK);
        ModuleBook book = read(reader);
        reader.end();
        return book;
    }

    void write(CanonicalWriter writer) {
        writer.putInt(notes.size());
        for (HeldNote held : notes.notes()) {
            writer.putBytes(held.note().encoded()).putLong(held.remaining().amountMinor()).putLong(held.nextSequence());
        }
        log.write(writer);
    }

    static ModuleBook read(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > NoteDirectory.MAX_NOTES) {
            throw new MalformedEncodingException(count + " held notes");
        }
        NoteDirectory directory = NoteDirectory.empty();
        for (int i = 0; i < count; i++) {
            Note note = Note.decode(reader.getBytes(MAX_NOTE_BYTES));
            long remaining = reader.getLong();
            long sequence = reader.getLong();
            directory = directory.withReceived(note);
            HeldNote held = new HeldNote(note, Money.of(note.receivedAmount().currency(), remaining), sequence);
            if (sequence > 1) {
                directory = directory.afterPaying(note.lastTransferKey(), Optional.of(held));
            } else if (!held.equals(HeldNote.received(note))) {
                throw new MalformedEncodingException("a note never paid from holds all it received");
            }
        }
        return new ModuleBook(directory, TransactionLog.read(reader));
    }
}
