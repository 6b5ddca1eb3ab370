package org.ems.csm.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * Figure 22, steps 2080-2088, the money module's side: Tran Log retrieves the failed-commit
 * records not yet claimed (none: the claim is aborted, NO_FAILED_COMMITS), the subscriber selects
 * those to claim, and the module sends their log information to the CSM in the session. Wire
 * form: {@code FAILED_COMMIT_CLAIM | version | M(id) | failed-commit records}; the secure session
 * authenticates it, so it carries no signature of its own.
 */
public record FailedCommitClaimRequest(ModuleId module, List<LogEntry> records) {

    static final int FORMAT_VERSION = 1;
    public static final int MAX_ENCODED_BYTES = 64 + ClaimCodec.MAX_FAILED_COMMITS * (24 + LogEntry.MAX_NOTES * 120);

    public FailedCommitClaimRequest {
        Objects.requireNonNull(module, "module");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new ClaimRejectedException(ClaimRejection.NO_FAILED_COMMITS, "nothing selected");
        }
        if (records.size() > ClaimCodec.MAX_FAILED_COMMITS) {
            throw new IllegalArgumentException(records.size() + " records, at most " + ClaimCodec.MAX_FAILED_COMMITS + " per claim");
        }
        for (LogEntry entry : records) {
            if (entry.kind() != LogEntry.Kind.FAILED_COMMIT || entry.notes().isEmpty()) {
                throw new IllegalArgumentException("not a failed-commit record: " + entry.kind() + " of " + entry.conversation());
            }
        }
        ClaimCodec.requireDistinctConversations(records);
    }

    /** The unclaimed failed commits the subscriber reviews (step 2082); empty means there is nothing to claim. */
    public static List<LogEntry> reviewable(TransactionLog log, ClaimMarks marks) {
        return marks.unclaimed(log);
    }

    /**
     * Steps 2080-2088: the request for the records the subscriber selected. No unclaimed failed
     * commit at all: NO_FAILED_COMMITS (step 2083); nothing selected: NO_FAILED_COMMITS; a selected
     * record that is not an unclaimed failed commit: NOT_CLAIMABLE.
     */
    public static FailedCommitClaimRequest select(ModuleId self, TransactionLog log, ClaimMarks marks, Collection<ConversationId> selected) {
        List<LogEntry> unclaimed = marks.unclaimed(log);
        if (unclaimed.isEmpty()) {
            throw new ClaimRejectedException(ClaimRejection.NO_FAILED_COMMITS, "module " + self);
        }
        Set<ConversationId> chosen = Set.copyOf(selected);
        if (chosen.size() != selected.size()) {
            throw new ClaimRejectedException(ClaimRejection.NOT_CLAIMABLE, "a record selected twice");
        }
        List<LogEntry> records = new ArrayList<>();
        for (LogEntry entry : unclaimed) {
            if (chosen.contains(entry.conversation())) {
                records.add(entry);
            }
        }
        if (records.size() != chosen.size()) {
            throw new ClaimRejectedException(ClaimRejection.NOT_CLAIMABLE, "selected records are not all unclaimed failed commits");
        }
        return new FailedCommitClaimRequest(self, records);
    }

    public List<ConversationId> recordIds() {
        return records.stream().map(LogEntry::conversation).toList();
    }

    public byte[] encoded() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.FAILED_COMMIT_CLAIM).putInt(FORMAT_VERSION).putLong(module.value());
        ClaimCodec.putFailedCommits(writer, records);
        return writer.toBytes();
    }

    /** Decodes {@link #encoded()}; anything else: {@link ClaimRejectedException} MALFORMED (or NO_FAILED_COMMITS when empty). */
    public static FailedCommitClaimRequest decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, encoded.length + " bytes");
        }
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.FAILED_COMMIT_CLAIM);
            if (reader.getInt() != FORMAT_VERSION) {
                throw new MalformedEncodingException("unknown version");
            }
            ModuleId module = new ModuleId(reader.getLong());
            List<LogEntry> records = ClaimCodec.getFailedCommits(reader);
            reader.end();
            return new FailedCommitClaimRequest(module, records);
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, e.getMessage(), e);
        }
    }
}
