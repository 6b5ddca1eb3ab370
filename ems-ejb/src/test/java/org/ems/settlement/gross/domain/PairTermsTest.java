package org.ems.settlement.gross.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.NetPositions;
import org.ems.settlement.domain.Netting;
import org.ems.settlement.domain.PaymentLegs;
import org.ems.settlement.domain.Trade;
import org.junit.jupiter.api.Test;

/** Gross and bilateral terms from the patent's example (figure 23): four trades among A, B and C in USD and JPY. */
class PairTermsTest {

    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final CounterpartyId A = new CounterpartyId("A");
    private static final CounterpartyId B = new CounterpartyId("B");
    private static final CounterpartyId C = new CounterpartyId("C");
    private static final List<Trade> TRADES = List.of("EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD",
            "EMS-TRADE/1 2 2026-12-01 A B 500 USD 500 JPY", "EMS-TRADE/1 3 2026-12-01 B C 600 USD 600 JPY",
            "EMS-TRADE/1 4 2026-12-01 A B 900 JPY 900 USD").stream().map(Trade::decode).toList();
    private static final NetPositions POSITIONS = Netting.net(PaymentLegs.of(List.of(A, B, C), TRADES));

    @Test
    void grossTermsOfATradeAreTheBuyerPayingThePriceAndTheSellerWhatWasBought() {
        // trade 1: A buys JPY 1000 from C for USD 10.00
        PairTerms terms = PairTerms.gross(TRADES.get(0));
        assertThat(terms).isEqualTo(new PairTerms(A, C, SettlementAmounts.ofCurrency(Money.of(USD, 1000)),
                SettlementAmounts.ofCurrency(Money.of(JPY, 1000))));
    }

    @Test
    void bilateralTermsAreThePairsNetAmountsEachGoingFromTheNetPayer() {
        // A pays B USD 4 (not 9), B pays A JPY 400 (not 900)
        assertThat(PairTerms.bilateral(POSITIONS, A, B)).contains(new PairTerms(A, B, SettlementAmounts.ofCurrency(Money.of(USD, 400)),
                SettlementAmounts.ofCurrency(Money.of(JPY, 400))));
        assertThat(PairTerms.bilateral(POSITIONS, B, A)).contains(new PairTerms(B, A, SettlementAmounts.ofCurrency(Money.of(JPY, 400)),
                SettlementAmounts.ofCurrency(Money.of(USD, 400))));
        assertThat(PairTerms.bilateral(POSITIONS)).containsExactly(
                new PairTerms(A, B, SettlementAmounts.ofCurrency(Money.of(USD, 400)), SettlementAmounts.ofCurrency(Money.of(JPY, 400))),
                new PairTerms(A, C, SettlementAmounts.ofCurrency(Money.of(USD, 1000)), SettlementAmounts.ofCurrency(Money.of(JPY, 1000))),
                new PairTerms(B, C, SettlementAmounts.ofCurrency(Money.of(JPY, 600)), SettlementAmounts.ofCurrency(Money.of(USD, 600))));
    }

    @Test
    void aPairThatOwesNothingNetHasNoTerms() {
        // two trades that cancel out exactly
        List<Trade> even = List.of(Trade.decode("EMS-TRADE/1 x 2026-12-01 A B 500 USD 500 JPY"),
                Trade.decode("EMS-TRADE/1 y 2026-12-01 B A 500 USD 500 JPY"));
        NetPositions positions = Netting.net(PaymentLegs.of(List.of(A, B), even));
        assertThat(PairTerms.bilateral(positions, A, B)).isEmpty();
        assertThat(PairTerms.bilateral(positions)).isEmpty();
    }

    @Test
    void aPairIsTwoCounterparties() {
        assertThatThrownBy(() -> new PairTerms(A, A, SettlementAmounts.none(), SettlementAmounts.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
