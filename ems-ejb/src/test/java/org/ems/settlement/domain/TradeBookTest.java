package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.settlement.domain.TradeFixtures.A;
import static org.ems.settlement.domain.TradeFixtures.B;
import static org.ems.settlement.domain.TradeFixtures.BEFORE_CUT_OFF;
import static org.ems.settlement.domain.TradeFixtures.C;
import static org.ems.settlement.domain.TradeFixtures.CUT_OFF;
import static org.ems.settlement.domain.TradeFixtures.CYCLE;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.trade;
import static org.ems.settlement.domain.TradeFixtures.usd;
import static org.ems.settlement.domain.TradeTest.assertRefused;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.junit.jupiter.api.Test;

class TradeBookTest {

    private final TradeBook book = new TradeBook(CYCLE, List.of(A, B, C));
    private final Trade t1 = trade("T1", A, C, jpy(1000), usd(1000));
    private final Trade t2 = trade("T2", A, B, usd(500), jpy(500));

    @Test
    void addsConfirmedTradesInOrder() {
        assertThat(book.add(t1, BEFORE_CUT_OFF)).isTrue();
        assertThat(book.add(t2, BEFORE_CUT_OFF)).isTrue();
        assertThat(book.trades()).containsExactly(t1, t2);
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.find(t1.id())).contains(t1);
        assertThat(book.counterparties()).containsExactly(A, B, C);
    }

    @Test
    void theSameTradeAgainIsANoOpEvenAfterTheCutOff() {
        book.add(t1, BEFORE_CUT_OFF);
        assertThat(book.add(trade("T1", A, C, jpy(1000), usd(1000)), BEFORE_CUT_OFF)).isFalse();
        assertThat(book.add(t1, CUT_OFF.plusSeconds(3600))).isFalse();
        assertThat(book.trades()).containsExactly(t1);
    }

    @Test
    void refusesADifferentTradeUnderAUsedId() {
        book.add(t1, BEFORE_CUT_OFF);
        assertRefused(() -> book.add(trade("T1", A, C, jpy(1000), usd(1001)), BEFORE_CUT_OFF),
                TradeRefusal.CONFLICTING_DUPLICATE, "trade T1");
        assertRefused(() -> book.add(trade("T1", B, C, jpy(1000), usd(1000)), BEFORE_CUT_OFF),
                TradeRefusal.CONFLICTING_DUPLICATE, "trade T1");
        assertThat(book.trades()).containsExactly(t1);
    }

    @Test
    void refusesNewTradesAtAndAfterTheCutOff() {
        assertRefused(() -> book.add(t1, CUT_OFF), TradeRefusal.AFTER_CUT_OFF, "cut-off 2026-11-30T16:00:00Z");
        assertRefused(() -> book.add(t1, CUT_OFF.plusMillis(1)), TradeRefusal.AFTER_CUT_OFF, "add trade T1");
        assertThat(book.size()).isZero();
    }

    @Test
    void refusesTradesForAnotherValueDate() {
        Trade nextDay = new Trade(new TradeId("T9"), A, B, jpy(1), usd(1), CYCLE.valueDate().plusDays(1));
        assertRefused(() -> book.add(nextDay, BEFORE_CUT_OFF), TradeRefusal.WRONG_VALUE_DATE, "settles 2026-12-02");
        assertThat(book.size()).isZero();
    }

    @Test
    void refusesUnregisteredCounterparties() {
        CounterpartyId d = new CounterpartyId("D");
        assertRefused(() -> book.add(trade("T9", d, B, jpy(1), usd(1)), BEFORE_CUT_OFF), TradeRefusal.UNKNOWN_COUNTERPARTY, ": D");
        assertRefused(() -> book.add(trade("T9", A, d, jpy(1), usd(1)), BEFORE_CUT_OFF), TradeRefusal.UNKNOWN_COUNTERPARTY, ": D");
        assertThat(book.size()).isZero();
    }

    @Test
    void rescindsBeforeTheCutOffOnly() {
        book.add(t1, BEFORE_CUT_OFF);
        book.add(t2, BEFORE_CUT_OFF);
        assertRefused(() -> book.rescind(t1.id(), CUT_OFF), TradeRefusal.AFTER_CUT_OFF, "rescind trade T1");
        assertThat(book.trades()).containsExactly(t1, t2);
        assertThat(book.rescind(t1.id(), BEFORE_CUT_OFF)).isTrue();
        assertThat(book.trades()).containsExactly(t2);
        assertThat(book.isRescinded(t1.id())).isTrue();
        assertThat(book.find(t1.id())).isEmpty();
    }

    @Test
    void rescindingTwiceIsANoOpAndAnUnknownIdIsRefused() {
        book.add(t1, BEFORE_CUT_OFF);
        book.rescind(t1.id(), BEFORE_CUT_OFF);
        assertThat(book.rescind(t1.id(), BEFORE_CUT_OFF)).isFalse();
        assertThat(book.rescind(t1.id(), CUT_OFF.plusSeconds(60))).isFalse();
        assertRefused(() -> book.rescind(new TradeId("T7"), BEFORE_CUT_OFF), TradeRefusal.UNKNOWN_TRADE, "trade T7");
    }

    @Test
    void aRescindedIdStaysUsed() {
        book.add(t1, BEFORE_CUT_OFF);
        book.rescind(t1.id(), BEFORE_CUT_OFF);
        assertThat(book.add(t1, BEFORE_CUT_OFF)).as("a redelivered add does not bring the trade back").isFalse();
        assertThat(book.size()).isZero();
        assertRefused(() -> book.add(trade("T1", A, C, jpy(1), usd(1)), BEFORE_CUT_OFF), TradeRefusal.CONFLICTING_DUPLICATE, "T1");
    }

    @Test
    void refusesTradesBeyondItsLimitCountingRescindedIds() {
        TradeBook small = new TradeBook(CYCLE, List.of(A, B, C), 2);
        small.add(t1, BEFORE_CUT_OFF);
        small.add(t2, BEFORE_CUT_OFF);
        small.rescind(t1.id(), BEFORE_CUT_OFF);
        assertRefused(() -> small.add(trade("T3", B, C, usd(600), jpy(600)), BEFORE_CUT_OFF), TradeRefusal.BOOK_FULL, "2 trade ids");
        assertThat(small.trades()).containsExactly(t2);
    }

    @Test
    void refusesMoreCurrenciesThanTheNettingIsSizedFor() {
        List<CurrencyCode> currencies = new ArrayList<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            if (currency.getDefaultFractionDigits() >= 0 && currencies.size() < TradeBook.MAX_CURRENCIES + 1) {
                currencies.add(CurrencyCode.of(currency.getCurrencyCode()));
            }
        }
        for (int i = 0; i + 1 < TradeBook.MAX_CURRENCIES; i += 2) {
            book.add(trade("T" + i, A, B, Money.of(currencies.get(i), 1), Money.of(currencies.get(i + 1), 1)), BEFORE_CUT_OFF);
        }
        Trade oneMore = trade("X", A, B, Money.of(currencies.get(0), 1), Money.of(currencies.get(TradeBook.MAX_CURRENCIES), 1));
        assertRefused(() -> book.add(oneMore, BEFORE_CUT_OFF), TradeRefusal.BOOK_FULL, "more than 64 currencies");
        assertThat(book.size()).isEqualTo(TradeBook.MAX_CURRENCIES / 2);
        // a trade in currencies already booked still fits
        assertThat(book.add(trade("Y", A, B, Money.of(currencies.get(0), 1), Money.of(currencies.get(5), 1)), BEFORE_CUT_OFF)).isTrue();
    }

    @Test
    void needsTwoToTheLimitOfCounterparties() {
        assertThatThrownBy(() -> new TradeBook(CYCLE, List.of(A, A))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1");
        List<CounterpartyId> many = new ArrayList<>();
        for (int i = 0; i <= TradeBook.MAX_COUNTERPARTIES; i++) {
            many.add(new CounterpartyId("P" + i));
        }
        assertThatThrownBy(() -> new TradeBook(CYCLE, many)).hasMessageContaining("got 257");
        assertThat(new TradeBook(CYCLE, many.subList(0, TradeBook.MAX_COUNTERPARTIES)).counterparties()).hasSize(256);
    }

    @Test
    void cycleIsOpenStrictlyBeforeItsCutOff() {
        assertThat(CYCLE.isOpenAt(BEFORE_CUT_OFF)).isTrue();
        assertThat(CYCLE.isOpenAt(CUT_OFF)).isFalse();
        assertThat(CYCLE.isOpenAt(Instant.MAX)).isFalse();
    }

    @Test
    void legsRefuseTradesOfOtherCounterparties() {
        assertRefused(() -> PaymentLegs.of(List.of(A, B), List.of(t1)), TradeRefusal.UNKNOWN_COUNTERPARTY, "trade T1: C");
    }
}
