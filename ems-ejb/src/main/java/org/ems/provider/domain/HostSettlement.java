package org.ems.provider.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.HashSet;
import java.util.Set;
import org.ems.bank.domain.LedgerAmount;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteVerifier;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The provider host's record of one merchant settlement (figure 8), keyed by its
 * {@link SettlementKey}: the pieces presented, their digest, and whether the host instructed the
 * transfer or rejected it.
 *
 * <p>Invariants: one record per key; a repeat of the key with the same pieces is the same
 * settlement (a retry: the host instructs it again, the bank's idempotency key makes the transfer
 * happen once), with other pieces it is refused as an idempotency conflict. Pieces are claimed
 * against their issues once, when the host first instructs: each note must be one the provider's
 * generator issued and verify as the money issue verifies a payment (figure 8), no piece (by its id) is settled twice, and no issue is ever settled
 * beyond its amount (e-money presented again under another key is refused as replayed). A
 * rejection is final for its key.
 */
@Entity
@Table(name = "PROVIDER_HOST_SETTLEMENT")
public class HostSettlement {

    /** Bound on one settlement: a merchant with more sales settles in several batches. */
    public static final int MAX_PIECES = 1000;

    public enum State {
        REQUESTED, INSTRUCTED, REJECTED
    }

    @Id
    @Column(length = 64)
    private String settlementKey;

    @Column(nullable = false, length = 32)
    private String terminalId;

    @Column(nullable = false)
    private long totalMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, length = 32)
    private byte[] digest;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "PROVIDER_HOST_SETTLEMENT_PIECE", joinColumns = @JoinColumn(name = "SETTLEMENT_KEY"))
    private List<ClaimedPiece> pieces = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private ProviderRefusal rejection;

    @Column(nullable = false)
    private Instant requestedAt;

    @Version
    private long version;

    protected HostSettlement() {
        // for JPA
    }

    /** The terminal presents {@code presented} as a batch of {@code total}; the total is checked against the notes at {@link #claim}. */
    public HostSettlement(SettlementKey key, LedgerAmount total, List<EmoneyPiece> presented, Instant now) {
        ProviderRefusedException.refuseUnless(!presented.isEmpty(), ProviderRefusal.NOTHING_TO_SETTLE, key.toString());
        ProviderRefusedException.refuseUnless(presented.size() <= MAX_PIECES, ProviderRefusal.LIMIT_REACHED,
                key + " presents " + presented.size() + " pieces");
        for (EmoneyPiece p : presented) {
            ProviderRefusedException.refuseUnless(p.amount().currency().equals(total.currency()), ProviderRefusal.CURRENCY_MISMATCH,
                    key.toString());
            pieces.add(new ClaimedPiece(p));
        }
        this.settlementKey = key.toString();
        this.terminalId = key.terminalId();
        this.totalMinor = total.minor();
        this.currency = total.currency();
        this.digest = digestOf(total, presented);
        this.state = State.REQUESTED;
        this.requestedAt = now;
    }

    /** Refuses other pieces (or another total) under this key; a refused earlier attempt stays refused. */
    public void requireSame(LedgerAmount total, List<EmoneyPiece> presented) {
        ProviderRefusedException.refuseUnless(MessageDigest.isEqual(digest, digestOf(total, presented)), ProviderRefusal.IDEMPOTENCY_CONFLICT,
                settlementKey + " was presented with other e-money");
        if (state == State.REJECTED) {
            throw new ProviderRefusedException(rejection, settlementKey + " was rejected before");
        }
    }

    /**
     * Verifies the notes and claims them against their issues (once: a retry of an instructed
     * settlement claims nothing more). In order: every note is one the provider's generator issued
     * ({@code issues}, by note id and signed body; FORGED_EMONEY otherwise); every note verifies as
     * the money issue's figure 8 verifies a payment to the terminal's module {@code holder}
     * ({@code verifier}, in packets of at most {@link NoteVerifier#MAX_NOTES_PER_PAYMENT}: generator's
     * signature, every transfer record and certificate, expiry, bad ids; NOTE_REJECTED otherwise);
     * no transfer settled before by another settlement ({@code settledBefore}) nor twice in this one,
     * and no issue settled beyond its amount (SETTLEMENT_REPLAYED); the notes total the batch's total
     * (NOTE_REJECTED). On a refusal the record becomes REJECTED (the caller commits that) and no
     * issue is changed.
     */
    public void claim(Function<String, Optional<IssuedEmoney>> issues, Predicate<String> settledBefore, NoteVerifier verifier,
            ModuleId holder, Instant now) {
        if (state == State.INSTRUCTED) {
            return;
        }
        if (state == State.REJECTED) {
            throw new ProviderRefusedException(rejection, settlementKey + " was rejected before");
        }
        List<EmoneyPiece> presented = new ArrayList<>(pieces.size());
        for (ClaimedPiece c : pieces) {
            try {
                presented.add(c.verifiable());
            } catch (NoteRejectedException | IllegalArgumentException e) {
                reject(ProviderRefusal.NOTE_REJECTED, "a presented note does not decode: " + e.getMessage());
            }
        }
        Map<String, IssuedEmoney> found = new HashMap<>();
        Map<String, Long> claimed = new HashMap<>();
        for (EmoneyPiece piece : presented) {
            String serial = piece.note().id().toString();
            Optional<IssuedEmoney> issued = issues.apply(serial);
            if (issued.isEmpty() || !issued.get().isIssueOf(piece.note())) {
                reject(ProviderRefusal.FORGED_EMONEY, "note " + serial + " is not the provider's");
            }
            found.put(serial, issued.get());
        }
        Set<String> pieceIds = new HashSet<>();
        long sum = 0;
        for (int from = 0; from < presented.size(); from += NoteVerifier.MAX_NOTES_PER_PAYMENT) {
            List<EmoneyPiece> packet = presented.subList(from, Math.min(presented.size(), from + NoteVerifier.MAX_NOTES_PER_PAYMENT));
            List<Note> notes = packet.stream().map(EmoneyPiece::note).toList();
            Money packetTotal = notes.stream().map(Note::receivedAmount).reduce(Money::plus).orElseThrow();
            try {
                verifier.verifyPayment(notes, packetTotal, holder, ModuleRole.TRANSACTION, now,
                        key -> settledBefore.test(EmoneyPiece.idOf(key)));
            } catch (NoteRejectedException e) {
                reject(e.reason() == NoteRejection.DUPLICATE ? ProviderRefusal.SETTLEMENT_REPLAYED : ProviderRefusal.NOTE_REJECTED,
                        e.reason() + ": " + e.getMessage());
            }
            for (EmoneyPiece piece : packet) {
                if (!pieceIds.add(piece.pieceId())) {
                    reject(ProviderRefusal.SETTLEMENT_REPLAYED, "note " + piece.note().id() + " is presented twice");
                }
                claimed.merge(piece.note().id().toString(), piece.amount().minor(), Math::addExact);
                sum = Math.addExact(sum, piece.amount().minor());
            }
        }
        if (sum != totalMinor) {
            reject(ProviderRefusal.NOTE_REJECTED, "WRONG_TOTAL: the notes total " + sum + ", the batch " + totalMinor);
        }
        for (Map.Entry<String, Long> e : claimed.entrySet()) {
            if (!found.get(e.getKey()).canSettle(e.getValue())) {
                reject(ProviderRefusal.SETTLEMENT_REPLAYED, "issue " + e.getKey() + " was settled before");
            }
        }
        for (Map.Entry<String, Long> e : claimed.entrySet()) {
            found.get(e.getKey()).settle(e.getValue());
        }
        state = State.INSTRUCTED;
    }

    private void reject(ProviderRefusal reason, String detail) {
        state = State.REJECTED;
        rejection = reason;
        throw new ProviderRefusedException(reason, settlementKey + ": " + detail);
    }

    public SettlementKey key() {
        return SettlementKey.parse(settlementKey);
    }

    public LedgerAmount total() {
        return LedgerAmount.of(totalMinor, currency);
    }

    public State state() {
        return state;
    }

    public ProviderRefusal rejection() {
        return rejection;
    }

    /**
     * SHA-256 over the total and the pieces in a canonical order (each by its transfer node, the
     * SHA-256 of the note as encoded, and its amount), so a retry that lists them otherwise is the
     * same.
     */
    static byte[] digestOf(LedgerAmount total, List<EmoneyPiece> presented) {
        List<EmoneyPiece> sorted = new ArrayList<>(presented);
        sorted.sort(Comparator.comparing(EmoneyPiece::pieceId));
        CanonicalWriter w = new CanonicalWriter(Purpose.PROVIDER_SETTLEMENT_DIGEST).putLong(total.minor()).putString(total.currency())
                .putInt(sorted.size());
        for (EmoneyPiece p : sorted) {
            w.putString(p.pieceId()).putBytes(sha256(p.encoded())).putLong(p.amount().minor());
        }
        return sha256(w.toBytes());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
