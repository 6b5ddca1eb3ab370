package org.ems.bank.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One append-only entry of the bank's journal. Invariants, checked in the constructor: 2 to
 * {@link #MAX_LINES} positive lines; debits equal credits in every currency; an account appears
 * at most once; a REVERSAL names the entry it reverses and nothing else does. No method changes
 * an entry after it is built: corrections are new entries.
 *
 * <p>The database enforces what must hold across transactions: the idempotency key is unique (a
 * redelivered request posts nothing twice) and so is the reversed entry (an entry is reversed at
 * most once, even by two racing reversals).
 */
@Entity
@Table(name = "BANK_JOURNAL_ENTRY", uniqueConstraints = {
        @UniqueConstraint(name = "UK_BANK_ENTRY_IDEMPOTENCY", columnNames = "IDEMPOTENCYKEY"),
        @UniqueConstraint(name = "UK_BANK_ENTRY_REVERSES", columnNames = "REVERSES")})
public class JournalEntry {

    public static final int MAX_LINES = 16;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_REFERENCE_LENGTH = 32;
    /** Printable ASCII without spaces: keys travel in messages and logs. */
    private static final Pattern KEY = Pattern.compile("[!-~]{1," + MAX_KEY_LENGTH + "}");
    private static final Pattern REFERENCE = Pattern.compile("[!-~]{1," + MAX_REFERENCE_LENGTH + "}");

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "IDEMPOTENCYKEY", nullable = false, length = MAX_KEY_LENGTH)
    private String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private EntryKind kind;

    @Column(nullable = false)
    private Instant postedAt;

    /** The entry this one reverses (REVERSAL only). */
    @Column(name = "REVERSES", length = 36)
    private String reverses;

    /** e.g. the bank-POS terminal id of a POS_TRANSFER. */
    @Column(length = MAX_REFERENCE_LENGTH)
    private String reference;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "BANK_JOURNAL_LINE", joinColumns = @JoinColumn(name = "ENTRY_ID"))
    @OrderColumn(name = "LINE_NO")
    private List<JournalLine> lines = new ArrayList<>();

    protected JournalEntry() {
        // for JPA
    }

    public JournalEntry(UUID id, String idempotencyKey, EntryKind kind, List<JournalLine> lines,
                        UUID reverses, String reference, Instant postedAt) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.idempotencyKey = requireKey(idempotencyKey);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.postedAt = Objects.requireNonNull(postedAt, "postedAt");
        if ((kind == EntryKind.REVERSAL) != (reverses != null)) {
            throw new IllegalArgumentException("a REVERSAL, and only a reversal, names the entry it reverses");
        }
        this.reverses = reverses == null ? null : reverses.toString();
        if (reference != null && !REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("reference must be 1-" + MAX_REFERENCE_LENGTH + " printable characters");
        }
        this.reference = reference;
        this.lines = new ArrayList<>(requireBalanced(lines));
    }

    public static String requireKey(String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key must be 1-" + MAX_KEY_LENGTH + " printable ASCII characters");
        }
        return idempotencyKey;
    }

    /** Checks the double-entry rule: every currency's debits equal its credits. */
    static List<JournalLine> requireBalanced(List<JournalLine> lines) {
        if (lines == null || lines.size() < 2 || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("an entry has 2-" + MAX_LINES + " lines");
        }
        Map<String, Long> net = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (JournalLine line : lines) {
            if (seen.put(line.account().toString(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("account " + line.account() + " appears twice in one entry");
            }
            long signed = line.side() == Side.DEBIT ? line.amount().minor() : -line.amount().minor();
            net.merge(line.amount().currency(), signed, Math::addExact);
        }
        net.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("unbalanced entry: debits - credits = " + sum + " " + currency);
            }
        });
        return List.copyOf(lines);
    }

    /** Whether a request with this key asked for exactly this entry (the time may differ). */
    public boolean sameContentAs(EntryKind otherKind, List<JournalLine> otherLines, UUID otherReverses, String otherReference) {
        return kind == otherKind && lines.equals(otherLines)
                && Objects.equals(reverses, otherReverses == null ? null : otherReverses.toString())
                && Objects.equals(reference, otherReference);
    }

    /** The lines of the entry that undoes this one. */
    public List<JournalLine> reversedLines() {
        return lines.stream().map(JournalLine::reversed).toList();
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public EntryKind kind() {
        return kind;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public UUID reverses() {
        return reverses == null ? null : UUID.fromString(reverses);
    }

    public String reference() {
        return reference;
    }

    public List<JournalLine> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "JournalEntry[" + id + ", " + kind + ", " + lines + "]";
    }
}
