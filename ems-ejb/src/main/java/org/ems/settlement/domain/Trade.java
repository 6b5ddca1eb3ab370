package org.ems.settlement.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.ems.money.domain.Money;

/**
 * A confirmed foreign-exchange trade as the netting system receives it (figure 23, step 3004):
 * the buyer buys {@code bought} from the seller and pays {@code paid} for it, both on
 * {@code valueDate}. The patent's "A buys 1000 JYN from C for 10 USD" is buyer A, seller C,
 * bought JPY 1000, paid USD 10.00. So the trade has two payment legs: the seller pays
 * {@code bought} to the buyer, and the buyer pays {@code paid} to the seller.
 *
 * <p>Invariants (checked in this order, each a {@link TradeRefusedException}): buyer and seller
 * differ; both amounts are positive and at most {@link #MAX_AMOUNT_MINOR} minor units; the two
 * legs are in different currencies; the value date's year is within {@link #MIN_YEAR} to
 * {@link #MAX_YEAR}. Two trades are the same trade only if every field is equal.
 */
public record Trade(TradeId id, CounterpartyId buyer, CounterpartyId seller, Money bought, Money paid, LocalDate valueDate) {

    /** Limit of one leg: 10^15 minor units (ten trillion dollars, a quadrillion yen), far beyond any trade. */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;
    public static final int MIN_YEAR = 1970;
    /** The trade line writes the year in four digits. */
    public static final int MAX_YEAR = 9999;

    public Trade {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(bought, "bought");
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(valueDate, "valueDate");
        if (buyer.equals(seller)) {
            throw new TradeRefusedException(TradeRefusal.SAME_COUNTERPARTY, "trade " + id + ": " + buyer + " on both sides");
        }
        requireLegAmount(id, "bought", bought);
        requireLegAmount(id, "paid", paid);
        if (bought.currency().equals(paid.currency())) {
            throw new TradeRefusedException(TradeRefusal.SAME_CURRENCY, "trade " + id + ": both legs in " + paid.currency());
        }
        if (valueDate.getYear() < MIN_YEAR || valueDate.getYear() > MAX_YEAR) {
            throw new TradeRefusedException(TradeRefusal.VALUE_DATE_OUT_OF_RANGE,
                    "trade " + id + ": value date " + valueDate + " not in years " + MIN_YEAR + "-" + MAX_YEAR);
        }
    }

    private static void requireLegAmount(TradeId id, String leg, Money amount) {
        if (!amount.isPositive()) {
            throw new TradeRefusedException(TradeRefusal.NON_POSITIVE_AMOUNT, "trade " + id + ": " + leg + " " + amount);
        }
        if (amount.amountMinor() > MAX_AMOUNT_MINOR) {
            throw new TradeRefusedException(TradeRefusal.AMOUNT_OVER_LIMIT,
                    "trade " + id + ": " + leg + " " + amount.amountMinor() + " minor units over " + MAX_AMOUNT_MINOR);
        }
    }

    /** What the seller pays the buyer: the currency bought. */
    public Money sellerPays() {
        return bought;
    }

    /** What the buyer pays the seller: the price. */
    public Money buyerPays() {
        return paid;
    }

    /** The canonical trade line (docs/settlement.md); {@link #decode(String)} of it gives this trade back. */
    public String encode() {
        return TradeLine.encode(this);
    }

    /**
     * The trade a canonical trade line describes. Refuses anything else with a
     * {@link TradeRefusedException}: {@code MALFORMED} (shape, field syntax, not canonical),
     * {@code UNKNOWN_CURRENCY}, or the reason the trade itself is invalid.
     */
    public static Trade decode(String line) {
        return TradeLine.decode(line);
    }
}
