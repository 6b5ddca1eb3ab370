package org.ems.money.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.money.domain.NoteTransferKey;
import org.ems.network.domain.ConversationId;

/** A module's transaction log: append-only, immutable (each append returns a new log). */
public final class TransactionLog {

    /** Bound for decoding a log at rest; the application keeps the full log in a table. */
    public static final int MAX_ENTRIES = 4096;
    private static final TransactionLog EMPTY = new TransactionLog(List.of());

    private final List<LogEntry> entries;

    private TransactionLog(List<LogEntry> entries) {
        this.entries = entries;
    }

    public static TransactionLog empty() {
        return EMPTY;
    }

    public TransactionLog append(LogEntry entry) {
        if (entries.size() >= MAX_ENTRIES) {
            throw new IllegalStateException("transaction log full: " + MAX_ENTRIES + " entries");
        }
        List<LogEntry> next = new ArrayList<>(entries);
        next.add(entry);
        return new TransactionLog(List.copyOf(next));
    }

    public List<LogEntry> entries() {
        return entries;
    }

    /** The last entry of this conversation and direction, if any: its state of the transfer. */
    public Optional<LogEntry> last(ConversationId conversation, LogEntry.Direction direction) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LogEntry entry = entries.get(i);
            if (entry.conversation().equals(conversation) && entry.direction() == direction) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The failed-commit records, from which claims for lost money are made. */
    public List<LogEntry> failedCommits() {
        return entries.stream().filter(e -> e.kind() == LogEntry.Kind.FAILED_COMMIT).toList();
    }

    /** Whether a transfer was received unconditionally (for the duplicate check). */
    public boolean hasReceived(NoteTransferKey key) {
        return entries.stream().anyMatch(e -> e.kind() == LogEntry.Kind.UNCONDITIONAL && e.direction() == LogEntry.Direction.RECEIVED
                && e.notes().stream().anyMatch(n -> n.key().equals(key)));
    }

    void write(CanonicalWriter writer) {
        writer.putInt(entries.size());
        entries.forEach(entry -> entry.write(writer));
    }

    static TransactionLog read(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > MAX_ENTRIES) {
            throw new MalformedEncodingException(count + " log entries");
        }
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(LogEntry.read(reader));
        }
        return new TransactionLog(List.copyOf(entries));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionLog that && that.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
