package org.ems.money.protocol;

import org.ems.crypto.StableCode;
import java.util.List;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.money.domain.Money;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;

/**
 * One entry of a module's transaction log ("Tran Log"). Entries are only ever appended: a
 * conditional entry is made final by a later UNCONDITIONAL entry of the same conversation and
 * direction, or undone by an ABORTED or FAILED_COMMIT entry.
 */
public record LogEntry(Kind kind, Direction direction, ConversationId conversation, List<LoggedNote> notes) {

    public static final int MAX_NOTES = 64;

    public enum Kind implements StableCode {
        /** Notes sent or received, not final: rolled back if the transaction aborts. */
        CONDITIONAL(1),
        /** The transfer is final (committed). */
        UNCONDITIONAL(2),
        /** Figure 11, step 1732: aborted after sending Ready-to-Commit; the notes that should have been received, for a claim. */
        FAILED_COMMIT(3),
        /** Rolled back before committing. */
        ABORTED(4);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Kind ofCode(int code) {
            return StableCode.ofCode(Kind.class, code, "log entry kind");
        }
    }

    public enum Direction implements StableCode {
        SENT(1), RECEIVED(2);

        final int code;

        Direction(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Direction ofCode(int code) {
            return StableCode.ofCode(Direction.class, code, "log direction");
        }
    }

    public LogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conversation, "conversation");
        notes = List.copyOf(notes);
        if (notes.size() > MAX_NOTES) {
            throw new IllegalArgumentException(notes.size() + " notes in one entry, limit " + MAX_NOTES);
        }
    }

    /** The sum of the amounts of the entry's notes in {@code currency} (an FX entry holds notes of two currencies). */
    public Money total(org.ems.money.domain.CurrencyCode currency) {
        Money sum = Money.zero(currency);
        for (LoggedNote note : notes) {
            if (note.amount().currency().equals(currency)) {
                sum = sum.plus(note.amount());
            }
        }
        return sum;
    }

    void write(CanonicalWriter writer) {
        writer.putInt(kind.code).putInt(direction.code);
        Codec.putConversation(writer, conversation);
        writer.putInt(notes.size());
        notes.forEach(note -> note.write(writer));
    }

    static LogEntry read(CanonicalReader reader) {
        Kind kind = Kind.ofCode(reader.getInt());
        Direction direction = Direction.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        int count = reader.getInt();
        if (count < 0 || count > MAX_NOTES) {
            throw new MalformedEncodingException(count + " notes in a log entry");
        }
        List<LoggedNote> notes = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            notes.add(LoggedNote.read(reader));
        }
        return new LogEntry(kind, direction, conversation, notes);
    }
}
