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
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.HashSet;
import java.util.Set;
import org.ems.bank.domain.LedgerAmount;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;

/**
 * The provider host's record of one merchant settlement (figure 8), keyed by its
 * {@link SettlementKey}: the pieces presented, their digest, and whether the host instructed the
 * transfer or rejected it.
 *
 * <p>Invariants: one record per key; a repeat of the key with the same pieces is the same
 * settlement (a retry: the host instructs it again, the bank's idempotency key makes the transfer
 * happen once), with other pieces it is refused as an idempotency conflict. Pieces are claimed
 * against their issues once, when the host first instructs: each authenticator must verify and
 * name an issue the host made, no piece (by its id) is settled twice, and no issue is ever settled
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

    public HostSettlement(SettlementKey key, List<EmoneyPiece> presented, Instant now) {
        ProviderRefusedException.refuseUnless(!presented.isEmpty(), ProviderRefusal.NOTHING_TO_SETTLE, key.toString());
        ProviderRefusedException.refuseUnless(presented.size() <= MAX_PIECES, ProviderRefusal.LIMIT_REACHED,
                key + " presents " + presented.size() + " pieces");
        String ccy = presented.get(0).amount().currency();
        long total = 0;
        for (EmoneyPiece p : presented) {
            ProviderRefusedException.refuseUnless(p.amount().currency().equals(ccy), ProviderRefusal.CURRENCY_MISMATCH, key.toString());
            total = Math.addExact(total, p.amount().minor());
            pieces.add(new ClaimedPiece(p));
        }
        LedgerAmount.of(total, ccy); // the bound of any one amount
        this.settlementKey = key.toString();
        this.terminalId = key.terminalId();
        this.totalMinor = total;
        this.currency = ccy;
        this.digest = digestOf(presented);
        this.state = State.REQUESTED;
        this.requestedAt = now;
    }

    /** Refuses other pieces under this key; a refused earlier attempt stays refused. */
    public void requireSame(List<EmoneyPiece> presented) {
        ProviderRefusedException.refuseUnless(MessageDigest.isEqual(digest, digestOf(presented)), ProviderRefusal.IDEMPOTENCY_CONFLICT,
                settlementKey + " was presented with other e-money");
        if (state == State.REJECTED) {
            throw new ProviderRefusedException(rejection, settlementKey + " was rejected before");
        }
    }

    /**
     * Verifies and claims the pieces against their issues (once: a retry of an instructed
     * settlement claims nothing more). On a refusal the record becomes REJECTED (the caller commits
     * that) and no issue is changed.
     */
    public void claim(Function<UUID, Optional<IssuedEmoney>> issues, Predicate<UUID> settledBefore, byte[] issuingKey) {
        if (state == State.INSTRUCTED) {
            return;
        }
        if (state == State.REJECTED) {
            throw new ProviderRefusedException(rejection, settlementKey + " was rejected before");
        }
        Map<UUID, IssuedEmoney> found = new HashMap<>();
        Map<UUID, Long> claimed = new HashMap<>();
        Set<UUID> pieceIds = new HashSet<>();
        for (ClaimedPiece c : pieces) {
            EmoneyPiece piece = c.piece(currency);
            UUID serial = piece.issue().serial();
            Optional<IssuedEmoney> issued = issues.apply(serial);
            if (issued.isEmpty() || !piece.issue().isGenuine(issuingKey) || !issued.get().issue().equals(piece.issue())) {
                reject(ProviderRefusal.FORGED_EMONEY, "piece of " + serial + " is not the host's");
            }
            if (settledBefore.test(piece.pieceId())) {
                reject(ProviderRefusal.SETTLEMENT_REPLAYED, "piece " + piece.pieceId() + " was settled before");
            }
            if (!pieceIds.add(piece.pieceId())) {
                reject(ProviderRefusal.SETTLEMENT_REPLAYED, "piece " + piece.pieceId() + " is presented twice");
            }
            found.put(serial, issued.get());
            claimed.merge(serial, piece.amount().minor(), Math::addExact);
        }
        for (Map.Entry<UUID, Long> e : claimed.entrySet()) {
            if (!found.get(e.getKey()).canSettle(e.getValue())) {
                reject(ProviderRefusal.SETTLEMENT_REPLAYED, "issue " + e.getKey() + " was settled before");
            }
        }
        for (Map.Entry<UUID, Long> e : claimed.entrySet()) {
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

    /** SHA-256 over the pieces in a canonical order, so a retry that lists them otherwise is the same. */
    static byte[] digestOf(List<EmoneyPiece> presented) {
        List<EmoneyPiece> sorted = new ArrayList<>(presented);
        sorted.sort(Comparator.comparing(EmoneyPiece::pieceId));
        CanonicalWriter w = new CanonicalWriter(Purpose.PROVIDER_SETTLEMENT_DIGEST).putInt(sorted.size());
        for (EmoneyPiece p : sorted) {
            w.putString(p.pieceId().toString()).putString(p.issue().serial().toString()).putLong(p.issue().amount().minor()).putString(p.amount().currency())
                    .putBytes(p.issue().authenticator()).putLong(p.amount().minor());
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(w.toBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
