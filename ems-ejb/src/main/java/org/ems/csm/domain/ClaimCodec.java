package org.ems.csm.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteTransferKey;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.network.domain.Codec;

/**
 * Field codecs of the claim documents: amounts, logged notes, failed-commit records and totals
 * per currency. A failed-commit record is written as {@code conversation | count | (note id |
 * parent digest | sequence | currency | amount)*}; reading refuses anything the write could not
 * produce.
 */
final class ClaimCodec {

    /** Failed-commit records in one claim. */
    static final int MAX_FAILED_COMMITS = 256;
    /** Currencies in one claim's totals. */
    static final int MAX_CURRENCIES = 32;

    private ClaimCodec() {
    }

    static void putMoney(CanonicalWriter writer, Money money) {
        writer.putString(money.currency().code()).putLong(money.amountMinor());
    }

    static Money getMoney(CanonicalReader reader) {
        return Money.of(CurrencyCode.of(reader.getString(8)), reader.getLong());
    }

    static void putLoggedNote(CanonicalWriter writer, LoggedNote note) {
        NoteTransferKey key = note.key();
        writer.putLong(key.noteId().high()).putLong(key.noteId().low()).putBytes(key.parentDigest()).putLong(key.sequence());
        putMoney(writer, note.amount());
    }

    static LoggedNote getLoggedNote(CanonicalReader reader) {
        NoteId id = new NoteId(reader.getLong(), reader.getLong());
        NoteTransferKey key = new NoteTransferKey(id, reader.getBytes(64), reader.getLong());
        return new LoggedNote(key, getMoney(reader));
    }

    static void putFailedCommits(CanonicalWriter writer, List<LogEntry> entries) {
        writer.putInt(entries.size());
        for (LogEntry entry : entries) {
            Codec.putConversation(writer, entry.conversation());
            writer.putInt(entry.notes().size());
            entry.notes().forEach(note -> putLoggedNote(writer, note));
        }
    }

    static List<LogEntry> getFailedCommits(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > MAX_FAILED_COMMITS) {
            throw new MalformedEncodingException(count + " failed-commit records");
        }
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var conversation = Codec.getConversation(reader);
            int notes = reader.getInt();
            if (notes < 1 || notes > LogEntry.MAX_NOTES) {
                throw new MalformedEncodingException(notes + " notes in a failed-commit record");
            }
            List<LoggedNote> logged = new ArrayList<>(notes);
            for (int j = 0; j < notes; j++) {
                logged.add(getLoggedNote(reader));
            }
            entries.add(new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED, conversation, logged));
        }
        requireDistinctConversations(entries);
        return List.copyOf(entries);
    }

    static void requireDistinctConversations(List<LogEntry> entries) {
        if (entries.stream().map(LogEntry::conversation).distinct().count() != entries.size()) {
            throw new MalformedEncodingException("a failed-commit record listed twice");
        }
    }

    static void putTotals(CanonicalWriter writer, List<Money> totals) {
        writer.putInt(totals.size());
        totals.forEach(total -> putMoney(writer, total));
    }

    static List<Money> getTotals(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > MAX_CURRENCIES) {
            throw new MalformedEncodingException(count + " currencies");
        }
        List<Money> totals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            totals.add(getMoney(reader));
        }
        if (!totals.equals(canonicalTotals(totals))) {
            throw new MalformedEncodingException("totals not one positive amount per currency in code order");
        }
        return List.copyOf(totals);
    }

    /** One positive total per currency, ordered by currency code: the only form a claim carries. */
    static List<Money> totalsOf(List<Money> amounts) {
        Map<String, Money> sums = new TreeMap<>();
        for (Money amount : amounts) {
            sums.merge(amount.currency().code(), amount, Money::plus);
        }
        return sums.values().stream().filter(Money::isPositive).toList();
    }

    private static List<Money> canonicalTotals(List<Money> totals) {
        List<Money> canonical = totalsOf(totals);
        return canonical.size() == totals.size() ? canonical : List.of();
    }
}
