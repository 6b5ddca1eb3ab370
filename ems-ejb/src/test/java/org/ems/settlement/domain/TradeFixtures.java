package org.ems.settlement.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;

/** Trades, cycles and books for the settlement domain's tests, and a jqwik generator of trade lists. */
final class TradeFixtures {

    static final CurrencyCode USD = CurrencyCode.of("USD");
    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    static final CurrencyCode EUR = CurrencyCode.of("EUR");
    static final CurrencyCode GBP = CurrencyCode.of("GBP");
    static final CounterpartyId A = new CounterpartyId("A");
    static final CounterpartyId B = new CounterpartyId("B");
    static final CounterpartyId C = new CounterpartyId("C");
    static final LocalDate VALUE_DATE = LocalDate.of(2026, 12, 1);
    static final Instant CUT_OFF = Instant.parse("2026-11-30T16:00:00Z");
    static final Instant BEFORE_CUT_OFF = CUT_OFF.minusSeconds(1);
    static final SettlementCycle CYCLE = new SettlementCycle(VALUE_DATE, CUT_OFF);

    /** The pool the generator draws from: five counterparties, four currencies of 0 and 2 minor digits. */
    static final List<CounterpartyId> PARTIES = List.of(A, B, C, new CounterpartyId("D"), new CounterpartyId("E"));
    static final List<CurrencyCode> CURRENCIES = List.of(USD, JPY, EUR, GBP);

    private TradeFixtures() {
    }

    /** {@code buyer} buys {@code bought} from {@code seller} for {@code paid}, on the cycle's value date. */
    static Trade trade(String id, CounterpartyId buyer, CounterpartyId seller, Money bought, Money paid) {
        return new Trade(new TradeId(id), buyer, seller, bought, paid, VALUE_DATE);
    }

    static Money usd(long cents) {
        return Money.of(USD, cents);
    }

    static Money jpy(long yen) {
        return Money.of(JPY, yen);
    }

    /** The patent's four trades (figure 23 text): amounts in minor units, so USD 10 is 1000 cents. */
    static List<Trade> patentExample() {
        return List.of(
                trade("1", A, C, jpy(1000), usd(1000)),  // A buys 1000 JYN from C for 10 USD
                trade("2", A, B, usd(500), jpy(500)),    // A buys 5 USD from B for 500 JYN
                trade("3", B, C, usd(600), jpy(600)),    // B buys 6 USD from C for 600 JYN
                trade("4", A, B, jpy(900), usd(900)));   // A buys 900 JYN from B for 9 USD
    }

    static TradeBook book(List<Trade> trades) {
        TradeBook book = new TradeBook(CYCLE, PARTIES);
        for (Trade trade : trades) {
            book.add(trade, BEFORE_CUT_OFF);
        }
        return book;
    }

    /** Lists of up to {@code maxSize} valid trades among {@link #PARTIES} in {@link #CURRENCIES}, ids T0, T1, ... */
    static Arbitrary<List<Trade>> tradeLists(int maxSize, long maxAmountMinor) {
        Arbitrary<int[]> pairs = Arbitraries.integers().between(0, PARTIES.size() - 1).array(int[].class).ofSize(2)
                .filter(p -> p[0] != p[1]);
        Arbitrary<int[]> currencyPairs = Arbitraries.integers().between(0, CURRENCIES.size() - 1).array(int[].class).ofSize(2)
                .filter(p -> p[0] != p[1]);
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, maxAmountMinor);
        Arbitrary<Spec> specs = Combinators.combine(pairs, currencyPairs, amounts, amounts).as(Spec::new);
        return specs.list().ofMaxSize(maxSize).map(TradeFixtures::toTrades);
    }

    /** One generated trade without its id: indexes of buyer and seller, of bought and paid currency, and the amounts. */
    private record Spec(int[] parties, int[] currencies, long bought, long paid) {
    }

    private static List<Trade> toTrades(List<Spec> specs) {
        List<Trade> trades = new ArrayList<>(specs.size());
        for (int t = 0; t < specs.size(); t++) {
            Spec spec = specs.get(t);
            trades.add(trade("T" + t, PARTIES.get(spec.parties()[0]), PARTIES.get(spec.parties()[1]),
                    Money.of(CURRENCIES.get(spec.currencies()[0]), spec.bought()),
                    Money.of(CURRENCIES.get(spec.currencies()[1]), spec.paid())));
        }
        return trades;
    }
}
