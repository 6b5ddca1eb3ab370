package org.ems.csm.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;

/**
 * Which failed-commit records of a module's transaction log have been claimed: figure 22, step
 * 2094, "marks each selected failed commit transaction record with the date/time of the claim and
 * with the claim identifier". The log itself is append-only and owned by the module's book, so
 * the marks live beside it, keyed by the record's conversation (a payee logs at most one failed
 * commit per conversation). Immutable: {@link #mark} returns the new marks.
 */
public final class ClaimMarks {

    /** One record's mark. */
    public record Mark(ConversationId record, ClaimId claim, Instant claimedAt) {

        public Mark {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(claimedAt, "claimedAt");
        }
    }

    private static final ClaimMarks NONE = new ClaimMarks(Map.of());

    private final Map<ConversationId, Mark> marks;

    private ClaimMarks(Map<ConversationId, Mark> marks) {
        this.marks = Collections.unmodifiableMap(marks);
    }

    public static ClaimMarks none() {
        return NONE;
    }

    /** Rebuilds the marks from stored ones (one per record). */
    public static ClaimMarks of(Collection<Mark> stored) {
        Map<ConversationId, Mark> map = new LinkedHashMap<>();
        for (Mark mark : stored) {
            if (map.put(mark.record(), mark) != null) {
                throw new IllegalArgumentException("record " + mark.record() + " marked twice");
            }
        }
        return new ClaimMarks(map);
    }

    /** The failed-commit records of {@code log} not yet claimed, oldest first (figure 22, step 2080; figure 21, step 2042). */
    public List<LogEntry> unclaimed(TransactionLog log) {
        return log.failedCommits().stream().filter(entry -> !marks.containsKey(entry.conversation())).toList();
    }

    /**
     * Step 2094: the marks with every one of {@code records} marked with {@code claim} at
     * {@code claimedAt}. A record that is no unclaimed failed commit of {@code log} is refused
     * (NOT_CLAIMABLE) and nothing is marked.
     */
    public ClaimMarks mark(TransactionLog log, Collection<ConversationId> records, ClaimId claim, Instant claimedAt) {
        Set<ConversationId> claimable = new HashSet<>();
        unclaimed(log).forEach(entry -> claimable.add(entry.conversation()));
        Map<ConversationId, Mark> next = new LinkedHashMap<>(marks);
        for (ConversationId record : records) {
            if (!claimable.contains(record) || next.containsKey(record)) {
                throw new ClaimRejectedException(ClaimRejection.NOT_CLAIMABLE, "record " + record);
            }
            next.put(record, new Mark(record, claim, claimedAt));
        }
        return new ClaimMarks(next);
    }

    /** The ids of the records claimed so far. */
    public Set<ConversationId> claimedIds() {
        return marks.keySet();
    }

    public Optional<Mark> markOf(ConversationId record) {
        return Optional.ofNullable(marks.get(record));
    }

    public Collection<Mark> all() {
        return marks.values();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimMarks that && that.marks.equals(marks);
    }

    @Override
    public int hashCode() {
        return marks.hashCode();
    }
}
