package org.ems.provider.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;

/**
 * The stored-value purse of one IC card: the issues written to it (with the host's
 * authenticators) and what is left of each. Stands in for a transaction money module's notes
 * behind {@link EmoneyPurse}; reached only through {@link IcCard#open}.
 *
 * <p>Invariants: the balance is the sum of what remains of each holding, never negative; a debit
 * takes from the oldest holdings first and its pieces sum to exactly the amount; each issue is
 * credited at most once; at most {@link #MAX_HOLDINGS} issues per card and {@link #MAX_DEBITS}
 * remembered debit lines (a card is a bounded device: past either it refuses with LIMIT_REACHED).
 */
@Entity
@Table(name = "PROVIDER_CARD_PURSE")
public class CardPurse implements EmoneyPurse {

    public static final int MAX_HOLDINGS = 256;
    public static final int MAX_DEBITS = 1024;
    static final int MAX_KEY_LENGTH = 64;

    @Id
    @Column(length = IcCard.MAX_ID_LENGTH)
    private String cardId;

    @Column(nullable = false, length = 3)
    private String currency;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "PROVIDER_CARD_HOLDING", joinColumns = @JoinColumn(name = "CARD_ID"))
    private List<PurseHolding> holdings = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "PROVIDER_CARD_DEBIT", joinColumns = @JoinColumn(name = "CARD_ID"))
    private List<PurseDebitLine> debits = new ArrayList<>();

    @Version
    private long version;

    protected CardPurse() {
        // for JPA
    }

    public CardPurse(String cardId, String currency) {
        this.cardId = IcCard.requireId(cardId);
        this.currency = LedgerAmount.requireCurrency(currency);
    }

    @Override
    public LedgerAmount balance() {
        long sum = 0;
        for (PurseHolding h : holdings) {
            sum = Math.addExact(sum, h.remainingMinor());
        }
        return LedgerAmount.of(sum, currency);
    }

    @Override
    public void credit(String idempotencyKey, EmoneyIssue issue) {
        requireKey(idempotencyKey);
        requireCurrency(issue.amount());
        for (PurseHolding h : holdings) {
            if (h.serial().equals(issue.serial().toString())) {
                if (!h.issue(currency).equals(issue)) {
                    throw new ProviderRefusedException(ProviderRefusal.IDEMPOTENCY_CONFLICT, "issue " + issue.serial() + " differs");
                }
                return; // written before
            }
        }
        ProviderRefusedException.refuseUnless(holdings.size() < MAX_HOLDINGS, ProviderRefusal.LIMIT_REACHED,
                "card " + cardId + " holds " + MAX_HOLDINGS + " issues");
        ProviderRefusedException.refuseUnless(balance().minor() + issue.amount().minor() <= LedgerAmount.MAX_ABS_MINOR,
                ProviderRefusal.LIMIT_REACHED, "card " + cardId + " balance bound");
        holdings.add(new PurseHolding(issue));
    }

    @Override
    public List<EmoneyPiece> debit(String idempotencyKey, LedgerAmount amount) {
        requireKey(idempotencyKey);
        requireCurrency(amount);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a debit is positive: " + amount);
        }
        List<EmoneyPiece> before = piecesOf(idempotencyKey);
        if (!before.isEmpty()) {
            long total = before.stream().mapToLong(p -> p.amount().minor()).sum();
            ProviderRefusedException.refuseUnless(total == amount.minor(), ProviderRefusal.IDEMPOTENCY_CONFLICT,
                    "debit " + idempotencyKey + " was for " + total);
            return before;
        }
        ProviderRefusedException.refuseUnless(balance().minor() >= amount.minor(), ProviderRefusal.INSUFFICIENT_EMONEY,
                "card " + cardId + " holds " + balance() + ", price " + amount);
        ProviderRefusedException.refuseUnless(debits.size() + holdings.size() <= MAX_DEBITS, ProviderRefusal.LIMIT_REACHED,
                "card " + cardId + " debit history is full");
        List<EmoneyPiece> pieces = new ArrayList<>();
        long left = amount.minor();
        for (PurseHolding h : holdings) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, h.remainingMinor());
            if (take > 0) {
                h.take(take);
                UUID pieceId = UUID.randomUUID();
                debits.add(new PurseDebitLine(idempotencyKey, pieceId, h.serial(), take));
                pieces.add(new EmoneyPiece(pieceId, h.issue(currency), LedgerAmount.of(take, currency)));
                left -= take;
            }
        }
        if (left != 0) {
            throw new IllegalStateException("purse " + cardId + " balance and holdings disagree");
        }
        return pieces;
    }

    public String cardId() {
        return cardId;
    }

    public String currency() {
        return currency;
    }

    private List<EmoneyPiece> piecesOf(String key) {
        List<EmoneyPiece> pieces = new ArrayList<>();
        for (PurseDebitLine line : debits) {
            if (line.debitKey().equals(key)) {
                PurseHolding h = holdings.stream().filter(x -> x.serial().equals(line.serial())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("debit line without its holding"));
                pieces.add(new EmoneyPiece(line.pieceId(), h.issue(currency), LedgerAmount.of(line.amountMinor(), currency)));
            }
        }
        return pieces;
    }

    private void requireCurrency(LedgerAmount amount) {
        ProviderRefusedException.refuseUnless(amount.currency().equals(currency), ProviderRefusal.CURRENCY_MISMATCH,
                "card " + cardId + " holds " + currency + ", not " + amount.currency());
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("an idempotency key is 1-" + MAX_KEY_LENGTH + " characters");
        }
    }
}
