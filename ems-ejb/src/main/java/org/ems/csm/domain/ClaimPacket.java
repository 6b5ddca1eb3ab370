package org.ems.csm.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.security.domain.ModuleId;

/**
 * The data packet of a lost-note claim (figure 21, steps 2038-2046), which the module signs: the
 * claim sequence number, its note directory (each note with its remaining value), the notes with
 * their signatures and certificates, and the unclaimed failed-commit records. Signed form:
 * {@code LOST_NOTES_CLAIM_PACKET | version | claim sequence | M(id) | created at | count |
 * (note | remaining minor units)* | failed-commit records}. The note directory's entries and the
 * notes travel together, one entry per note.
 */
public record ClaimPacket(long claimSequence, ModuleId module, Instant createdAt, List<ClaimedNote> notes, List<LogEntry> failedCommits) {

    static final int FORMAT_VERSION = 1;
    /** Bound of one note in a claim (a note's own limit is about 300 KiB). */
    static final int MAX_NOTE_BYTES = 512 * 1024;

    public ClaimPacket {
        if (claimSequence < 1) {
            throw new IllegalArgumentException("claim sequence numbers start at 1: " + claimSequence);
        }
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(createdAt, "createdAt");
        notes = List.copyOf(notes);
        failedCommits = List.copyOf(failedCommits);
        if (notes.size() > NoteDirectory.MAX_NOTES) {
            throw new IllegalArgumentException(notes.size() + " notes, at most " + NoteDirectory.MAX_NOTES);
        }
        if (failedCommits.size() > ClaimCodec.MAX_FAILED_COMMITS) {
            throw new IllegalArgumentException(failedCommits.size() + " failed commits, at most " + ClaimCodec.MAX_FAILED_COMMITS);
        }
        for (LogEntry entry : failedCommits) {
            if (entry.kind() != LogEntry.Kind.FAILED_COMMIT) {
                throw new IllegalArgumentException("not a failed-commit record: " + entry.kind());
            }
        }
        ClaimCodec.requireDistinctConversations(failedCommits);
        for (ClaimedNote claimed : notes) {
            claimed.remaining().requireSameCurrency(claimed.note().receivedAmount());
        }
    }

    /** What the claim is worth, one total per currency: the notes' remaining values and the failed commits' notes. */
    public List<Money> totals() {
        List<Money> amounts = new ArrayList<>();
        notes.forEach(claimed -> amounts.add(claimed.remaining()));
        failedCommits.forEach(entry -> entry.notes().forEach(note -> amounts.add(note.amount())));
        return ClaimCodec.totalsOf(amounts);
    }

    /** Every claimed item as the MIIS tracks it: each note's last transfer with its remaining value, then each failed commit's notes. */
    public List<LoggedNote> items() {
        List<LoggedNote> items = new ArrayList<>();
        notes.forEach(claimed -> items.add(new LoggedNote(claimed.note().lastTransferKey(), claimed.remaining())));
        failedCommits.forEach(entry -> items.addAll(entry.notes()));
        return items;
    }

    byte[] encoded() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.LOST_NOTES_CLAIM_PACKET)
                .putInt(FORMAT_VERSION)
                .putLong(claimSequence)
                .putLong(module.value())
                .putInstant(createdAt)
                .putInt(notes.size());
        for (ClaimedNote claimed : notes) {
            writer.putBytes(claimed.note().encoded()).putLong(claimed.remaining().amountMinor());
        }
        ClaimCodec.putFailedCommits(writer, failedCommits);
        return writer.toBytes();
    }

    /** Decodes the signed payload; structural problems are {@link MalformedEncodingException} (a note's own refusal included). */
    static ClaimPacket decode(byte[] payload) {
        try {
            CanonicalReader reader = new CanonicalReader(payload, Purpose.LOST_NOTES_CLAIM_PACKET);
            if (reader.getInt() != FORMAT_VERSION) {
                throw new MalformedEncodingException("unknown claim packet version");
            }
            long sequence = reader.getLong();
            ModuleId module = new ModuleId(reader.getLong());
            Instant createdAt = reader.getInstant();
            int count = reader.getInt();
            if (count < 0 || count > NoteDirectory.MAX_NOTES) {
                throw new MalformedEncodingException(count + " notes in a claim");
            }
            List<ClaimedNote> notes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Note note = Note.decode(reader.getBytes(MAX_NOTE_BYTES));
                CurrencyCode currency = note.receivedAmount().currency();
                notes.add(new ClaimedNote(note, Money.of(currency, reader.getLong())));
            }
            List<LogEntry> failedCommits = ClaimCodec.getFailedCommits(reader);
            reader.end();
            return new ClaimPacket(sequence, module, createdAt, notes, failedCommits);
        } catch (NoteRejectedException | IllegalArgumentException e) {
            throw new MalformedEncodingException("claim packet: " + e.getMessage(), e);
        }
    }
}
