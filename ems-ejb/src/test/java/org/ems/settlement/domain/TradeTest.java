package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.settlement.domain.TradeFixtures.A;
import static org.ems.settlement.domain.TradeFixtures.B;
import static org.ems.settlement.domain.TradeFixtures.EUR;
import static org.ems.settlement.domain.TradeFixtures.VALUE_DATE;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.trade;
import static org.ems.settlement.domain.TradeFixtures.usd;

import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ems.money.domain.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeTest {

    @Test
    void aValidTradeHasTwoLegs() {
        Trade trade = trade("T1", A, B, jpy(1000), usd(1000));
        assertThat(trade.sellerPays()).isEqualTo(jpy(1000));
        assertThat(trade.buyerPays()).isEqualTo(usd(1000));
        assertThat(trade).isEqualTo(trade("T1", A, B, jpy(1000), usd(1000)));
        assertThat(trade).isNotEqualTo(trade("T1", A, B, jpy(1000), usd(1001)));
    }

    @Test
    void refusesTheSameCounterpartyOnBothSides() {
        assertRefused(() -> trade("T1", A, A, jpy(1000), usd(1000)), TradeRefusal.SAME_COUNTERPARTY, "A on both sides");
    }

    @Test
    void refusesZeroAndNegativeAmountsOnEitherLeg() {
        assertRefused(() -> trade("T1", A, B, jpy(0), usd(1000)), TradeRefusal.NON_POSITIVE_AMOUNT, "bought JPY 0");
        assertRefused(() -> trade("T1", A, B, jpy(-5), usd(1000)), TradeRefusal.NON_POSITIVE_AMOUNT, "bought JPY -5");
        assertRefused(() -> trade("T1", A, B, jpy(5), usd(0)), TradeRefusal.NON_POSITIVE_AMOUNT, "paid USD 0.00");
        assertRefused(() -> trade("T1", A, B, jpy(5), usd(Long.MIN_VALUE)), TradeRefusal.NON_POSITIVE_AMOUNT, "paid");
    }

    @Test
    void refusesAmountsOverTheLimitOfOneTrade() {
        trade("T1", A, B, jpy(Trade.MAX_AMOUNT_MINOR), usd(Trade.MAX_AMOUNT_MINOR)); // the limit itself is allowed
        assertRefused(() -> trade("T1", A, B, jpy(Trade.MAX_AMOUNT_MINOR + 1), usd(1)), TradeRefusal.AMOUNT_OVER_LIMIT, "bought");
        assertRefused(() -> trade("T1", A, B, jpy(1), usd(Long.MAX_VALUE)), TradeRefusal.AMOUNT_OVER_LIMIT, "paid");
    }

    @Test
    void refusesBothLegsInOneCurrency() {
        assertRefused(() -> trade("T1", A, B, usd(5), usd(7)), TradeRefusal.SAME_CURRENCY, "both legs in USD");
    }

    @Test
    void refusesValueDatesOutsideTheYearsTheLineCanWrite() {
        assertRefused(() -> new Trade(new TradeId("T1"), A, B, jpy(1), usd(1), LocalDate.of(1969, 12, 31)),
                TradeRefusal.VALUE_DATE_OUT_OF_RANGE, "1969-12-31");
        assertRefused(() -> new Trade(new TradeId("T1"), A, B, jpy(1), usd(1), LocalDate.of(10_000, 1, 1)),
                TradeRefusal.VALUE_DATE_OUT_OF_RANGE, "+10000-01-01");
    }

    @Test
    void refusesMissingFields() {
        TradeId id = new TradeId("T1");
        Money eur = Money.of(EUR, 1);
        assertThatThrownBy(() -> new Trade(null, A, B, jpy(1), eur, VALUE_DATE)).isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new Trade(id, null, B, jpy(1), eur, VALUE_DATE)).hasMessage("buyer");
        assertThatThrownBy(() -> new Trade(id, A, null, jpy(1), eur, VALUE_DATE)).hasMessage("seller");
        assertThatThrownBy(() -> new Trade(id, A, B, null, eur, VALUE_DATE)).hasMessage("bought");
        assertThatThrownBy(() -> new Trade(id, A, B, jpy(1), null, VALUE_DATE)).hasMessage("paid");
        assertThatThrownBy(() -> new Trade(id, A, B, jpy(1), eur, null)).hasMessage("valueDate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "A B", "ABCDEFGHIJKL", "Ä", "A-1"})
    void refusesMalformedCounterpartyCodes(String code) {
        assertThatThrownBy(() -> new CounterpartyId(code)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counterparty code");
    }

    @Test
    void acceptsCounterpartyCodesUpToABic() {
        assertThat(new CounterpartyId("DEUTDEFF500").code()).hasSize(11);
        assertThatThrownBy(() -> new CounterpartyId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-T1", ".x", "T 1", "T/1", "T1\n", "123456789012345678901234567890123"})
    void refusesMalformedTradeIds(String id) {
        assertThatThrownBy(() -> new TradeId(id)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trade id");
    }

    @Test
    void acceptsTradeIdsOfReferenceCharacters() {
        assertThat(new TradeId("fx-2026.11_30-0001").value()).isEqualTo("fx-2026.11_30-0001");
        assertThat(new TradeId("12345678901234567890123456789012").value()).hasSize(32);
        assertThatThrownBy(() -> new TradeId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertRefused(ThrowingCallable call, TradeRefusal reason, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TradeRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason)).hasMessageContaining(detail).hasMessageStartingWith(reason.name());
    }
}
