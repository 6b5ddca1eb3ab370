package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.settlement.domain.TradeFixtures.A;
import static org.ems.settlement.domain.TradeFixtures.B;
import static org.ems.settlement.domain.TradeFixtures.BEFORE_CUT_OFF;
import static org.ems.settlement.domain.TradeFixtures.PARTIES;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.trade;
import static org.ems.settlement.domain.TradeFixtures.usd;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.junit.jupiter.api.Test;

/** Netting's invariants over random trade lists among five counterparties in four currencies. */
class NettingPropertiesTest {

    @Provide
    Arbitrary<List<Trade>> trades() {
        return TradeFixtures.tradeLists(60, Trade.MAX_AMOUNT_MINOR);
    }

    /** Small amounts, so that nets cancel exactly now and then. */
    @Provide
    Arbitrary<List<Trade>> smallTrades() {
        return TradeFixtures.tradeLists(60, 5);
    }

    @Property(tries = 300)
    void multilateralPositionsSumToZeroPerCurrency(@ForAll("trades") List<Trade> trades) {
        NetPositions positions = TradeFixtures.book(trades).netPositions();
        for (CurrencyCode currency : positions.currencies()) {
            Money sum = Money.zero(currency);
            for (CounterpartyId party : PARTIES) {
                sum = sum.plus(positions.multilateral(party, currency));
            }
            assertThat(sum.isZero()).as("sum of %s positions", currency).isTrue();
        }
    }

    @Property(tries = 300)
    void bilateralPositionsSumToZeroPerPairAndToTheMultilateralPerCounterparty(@ForAll("trades") List<Trade> trades) {
        NetPositions positions = TradeFixtures.book(trades).netPositions();
        for (CurrencyCode currency : positions.currencies()) {
            Money all = Money.zero(currency);
            for (CounterpartyId party : PARTIES) {
                Money net = Money.zero(currency);
                for (CounterpartyId other : PARTIES) {
                    if (!other.equals(party)) {
                        Money pair = positions.bilateral(party, other, currency);
                        assertThat(pair.plus(positions.bilateral(other, party, currency)).isZero()).isTrue();
                        net = net.plus(pair);
                    }
                }
                assertThat(net).isEqualTo(positions.multilateral(party, currency));
                all = all.plus(net);
            }
            assertThat(all.isZero()).isTrue();
        }
    }

    @Property(tries = 300)
    void multilateralFundingIsAtMostBilateralIsAtMostGross(@ForAll("smallTrades") List<Trade> trades) {
        NetPositions positions = TradeFixtures.book(trades).netPositions();
        for (CurrencyCode currency : TradeFixtures.CURRENCIES) {
            Money multilateral = positions.funding(NettingMethod.MULTILATERAL, currency);
            Money bilateral = positions.funding(NettingMethod.BILATERAL, currency);
            Money gross = positions.funding(NettingMethod.GROSS, currency);
            assertThat(multilateral).isLessThanOrEqualTo(bilateral);
            assertThat(bilateral).isLessThanOrEqualTo(gross);
            assertThat(positions.liquiditySaving(currency).saved()).isEqualTo(gross.minus(multilateral));
            for (CounterpartyId party : PARTIES) {
                Money m = positions.funding(NettingMethod.MULTILATERAL, party, currency);
                Money b = positions.funding(NettingMethod.BILATERAL, party, currency);
                Money g = positions.funding(NettingMethod.GROSS, party, currency);
                assertThat(m).isLessThanOrEqualTo(b);
                assertThat(b).isLessThanOrEqualTo(g);
                assertThat(g).isEqualTo(positions.grossPays(party, currency));
                assertThat(positions.grossReceives(party, currency).minus(g)).isEqualTo(positions.multilateral(party, currency));
            }
        }
    }

    @Property(tries = 200)
    void agreesWithAStraightforwardReckoning(@ForAll("trades") List<Trade> trades) {
        Map<String, BigInteger> pays = new HashMap<>();
        Map<String, BigInteger> net = new HashMap<>();
        for (Trade t : trades) {
            reckon(pays, net, t.seller(), t.buyer(), t.bought());
            reckon(pays, net, t.buyer(), t.seller(), t.paid());
        }
        NetPositions positions = TradeFixtures.book(trades).netPositions();
        for (CounterpartyId party : PARTIES) {
            for (CurrencyCode currency : TradeFixtures.CURRENCIES) {
                String key = party + "/" + currency;
                assertThat(positions.grossPays(party, currency).amountMinor())
                        .isEqualTo(pays.getOrDefault(key, BigInteger.ZERO).longValueExact());
                assertThat(positions.multilateral(party, currency).amountMinor())
                        .isEqualTo(net.getOrDefault(key, BigInteger.ZERO).longValueExact());
            }
        }
    }

    private static void reckon(Map<String, BigInteger> pays, Map<String, BigInteger> net, CounterpartyId payer,
            CounterpartyId payee, Money amount) {
        BigInteger value = BigInteger.valueOf(amount.amountMinor());
        pays.merge(payer + "/" + amount.currency(), value, BigInteger::add);
        net.merge(payer + "/" + amount.currency(), value.negate(), BigInteger::add);
        net.merge(payee + "/" + amount.currency(), value, BigInteger::add);
    }

    @Property(tries = 200)
    void nettingIsOrderIndependent(@ForAll("trades") List<Trade> trades, @ForAll Random random) {
        List<Trade> shuffled = new ArrayList<>(trades);
        Collections.shuffle(shuffled, random);
        assertThat(TradeFixtures.book(shuffled).netPositions()).isEqualTo(TradeFixtures.book(trades).netPositions());
    }

    @Property(tries = 200)
    void rescindingATradeEqualsNeverAddingIt(@ForAll("trades") List<Trade> trades, @ForAll("masks") List<Boolean> rescind) {
        TradeBook all = TradeFixtures.book(trades);
        List<Trade> kept = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            if (i < rescind.size() && rescind.get(i)) {
                assertThat(all.rescind(trades.get(i).id(), BEFORE_CUT_OFF)).isTrue();
            } else {
                kept.add(trades.get(i));
            }
        }
        assertThat(all.trades()).isEqualTo(kept);
        assertThat(all.netPositions()).isEqualTo(TradeFixtures.book(kept).netPositions());
    }

    @Property(tries = 200)
    void theBookNetsAsLegsBuiltFromItsTrades(@ForAll("trades") List<Trade> trades, @ForAll("masks") List<Boolean> rescind) {
        TradeBook book = TradeFixtures.book(trades);
        for (int i = 0; i < Math.min(trades.size(), rescind.size()); i++) {
            if (rescind.get(i)) {
                book.rescind(trades.get(i).id(), BEFORE_CUT_OFF);
            }
        }
        NetPositions direct = Netting.net(PaymentLegs.of(PARTIES, book.trades()));
        assertThat(book.netPositions()).isEqualTo(direct);
        assertThat(Netting.net(book.legs())).isEqualTo(direct);
        assertThat(book.legs().size()).isEqualTo(2 * book.size());
    }

    @Provide
    Arbitrary<List<Boolean>> masks() {
        return Arbitraries.of(true, false).list().ofMaxSize(60);
    }

    @Test
    void noTradesMeanNoPositions() {
        NetPositions none = TradeFixtures.book(List.of()).netPositions();
        assertThat(none.currencies()).isEmpty();
        assertThat(none.multilateralPositions()).isEmpty();
        assertThat(none.multilateral(A, TradeFixtures.USD)).isEqualTo(usd(0));
        assertThat(none.funding(NettingMethod.GROSS, TradeFixtures.USD)).isEqualTo(usd(0));
        assertThat(none.liquiditySaving(TradeFixtures.USD).basisPoints(java.math.RoundingMode.DOWN)).isZero();
    }

    @Test
    void aCurrencyOnlyInRescindedTradesIsNotInThePositions() {
        TradeBook book = TradeFixtures.book(List.of(trade("T1", A, B, jpy(1), usd(1)),
                trade("T2", A, B, Money.of(TradeFixtures.GBP, 1), Money.of(TradeFixtures.EUR, 1))));
        assertThat(book.netPositions().currencies()).containsExactly(TradeFixtures.EUR, TradeFixtures.GBP, TradeFixtures.JPY,
                TradeFixtures.USD);
        book.rescind(new TradeId("T2"), BEFORE_CUT_OFF);
        assertThat(book.netPositions().currencies()).containsExactly(TradeFixtures.JPY, TradeFixtures.USD);
        assertThat(book.legs().currencies()).as("the legs' index list keeps every currency used").hasSize(4);
        assertThat(book.legs().size()).isEqualTo(2);
    }

    @Test
    void legsAreReadWithinTheirSize() {
        PaymentLegs legs = PaymentLegs.of(PARTIES, List.of(trade("T1", A, B, jpy(7), usd(3))));
        assertThat(legs.size()).isEqualTo(2);
        assertThat(PARTIES.get(legs.payer(0))).isEqualTo(B);
        assertThat(PARTIES.get(legs.payee(0))).isEqualTo(A);
        assertThat(legs.currencies().get(legs.currency(0))).isEqualTo(TradeFixtures.JPY);
        assertThat(legs.amountMinor(1)).isEqualTo(3);
        assertThatThrownBy(() -> legs.amountMinor(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> legs.payer(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void legsRefuseMoreCounterpartiesThanACycleHolds() {
        List<CounterpartyId> many = new ArrayList<>();
        for (int i = 0; i <= TradeBook.MAX_COUNTERPARTIES; i++) {
            many.add(new CounterpartyId("P" + i));
        }
        assertThatThrownBy(() -> PaymentLegs.of(many, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257 counterparties");
    }

    @Test
    void refusesCounterpartiesOutsideTheCycle() {
        NetPositions positions = TradeFixtures.book(List.of(trade("T1", A, B, jpy(1), usd(1)))).netPositions();
        CounterpartyId stranger = new CounterpartyId("Z");
        assertThatThrownBy(() -> positions.multilateral(stranger, TradeFixtures.USD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a counterparty of this cycle: Z");
        assertThatThrownBy(() -> positions.bilateral(A, stranger, TradeFixtures.USD)).hasMessageContaining(": Z");
    }

    @Test
    void aTotalBeyondALongIsRefusedNotWrapped() {
        // 9,224 legs of 10^15 cents exceed Long.MAX_VALUE (9.22 x 10^18)
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 9_224; i++) {
            trades.add(trade("T" + i, A, B, usd(Trade.MAX_AMOUNT_MINOR), jpy(1)));
        }
        PaymentLegs legs = PaymentLegs.of(PARTIES, trades);
        assertThatThrownBy(() -> Netting.net(legs)).isInstanceOf(ArithmeticException.class);
        assertThat(Netting.net(PaymentLegs.of(PARTIES, trades.subList(0, 9_223))).grossPays(B, TradeFixtures.USD))
                .isEqualTo(usd(9_223 * Trade.MAX_AMOUNT_MINOR));
    }
}
