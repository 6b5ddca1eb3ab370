package org.ems.settlement.gross.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.NetPositions;
import org.ems.settlement.domain.Trade;

/**
 * The amounts two counterparties exchange, from the gross (3006) or bilateral (3008) netting
 * process (figure 25), as currency notes: what A sends B and what B sends A. The caller maps the
 * counterparties to their CSAs' money modules and makes {@link SettlementInstruction}s of them.
 */
public record PairTerms(CounterpartyId a, CounterpartyId b, SettlementAmounts aSends, SettlementAmounts bSends) {

    public PairTerms {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(aSends, "aSends");
        Objects.requireNonNull(bSends, "bSends");
        if (a.equals(b)) {
            throw new IllegalArgumentException("a pair of two counterparties, not " + a + " twice");
        }
    }

    /** Gross: one trade; A is the buyer, who pays the price; B the seller, who pays what was bought. */
    public static PairTerms gross(Trade trade) {
        return new PairTerms(trade.buyer(), trade.seller(), SettlementAmounts.ofCurrency(trade.buyerPays()),
                SettlementAmounts.ofCurrency(trade.sellerPays()));
    }

    /**
     * Bilateral: per currency, the net of what {@code a} and {@code b} owe each other goes from the
     * net payer to the other; empty if they owe each other nothing net in every currency.
     */
    public static Optional<PairTerms> bilateral(NetPositions positions, CounterpartyId a, CounterpartyId b) {
        List<Money> aSends = new ArrayList<>();
        List<Money> bSends = new ArrayList<>();
        for (CurrencyCode currency : positions.currencies()) {
            Money aReceives = positions.bilateral(a, b, currency);
            if (aReceives.isPositive()) {
                bSends.add(aReceives);
            } else if (aReceives.isNegative()) {
                aSends.add(Money.zero(currency).minus(aReceives));
            }
        }
        if (aSends.isEmpty() && bSends.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PairTerms(a, b, SettlementAmounts.ofCurrency(aSends.toArray(Money[]::new)),
                SettlementAmounts.ofCurrency(bSends.toArray(Money[]::new))));
    }

    /** Every pair (in counterparty order, the first of each pair as A) with a net amount to exchange. */
    public static List<PairTerms> bilateral(NetPositions positions) {
        List<PairTerms> pairs = new ArrayList<>();
        List<CounterpartyId> parties = positions.counterparties();
        for (int i = 0; i < parties.size(); i++) {
            for (int j = i + 1; j < parties.size(); j++) {
                bilateral(positions, parties.get(i), parties.get(j)).ifPresent(pairs::add);
            }
        }
        return pairs;
    }
}
