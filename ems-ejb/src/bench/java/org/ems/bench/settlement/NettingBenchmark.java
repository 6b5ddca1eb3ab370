package org.ems.bench.settlement;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.NetPositions;
import org.ems.settlement.domain.Netting;
import org.ems.settlement.domain.PaymentLegs;
import org.ems.settlement.domain.SettlementCycle;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeBook;
import org.ems.settlement.domain.TradeId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The netting system (figure 23) on a CLS-sized cycle: 1,000,000 seeded random trades among 70
 * counterparties in 18 currencies (2,000,000 payment legs), beside floors measured in the same
 * run: one pass over the same legs summing each amount into a {@code long[70 * 18]} by payer and
 * currency, the least work any netting must do; the same pass with {@link Math#addExact}; and the
 * same pass into an array the size of netting's own (by payer, payee and currency).
 *
 * <p>{@link #net} is the netting proper (legs to gross, bilateral and multilateral positions,
 * funding per method); {@link #netBook} is a cycle's close, netting the leg columns the book keeps
 * as trades arrive; {@link #legsOfTrades} is what the book saves by keeping them: building the
 * legs from a million {@link Trade} objects. Run with {@code -prof gc} for the memory each
 * operation allocates; the set-up prints the heap the book and a copy of the legs retain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NettingBenchmark {

    static final int TRADES = 1_000_000;
    static final int PARTIES = 70;
    /** The 18 currencies CLS settles. */
    static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK",
            "DKK", "SGD", "HKD", "KRW", "ZAR", "ILS", "MXN", "HUF");
    static final long SEED = 9_719_427L;

    private TradeBook book;
    private PaymentLegs legs;
    private List<Trade> trades;

    @Setup
    public void setUp() {
        long before = usedHeap();
        book = seededBook();
        long afterBook = usedHeap();
        legs = book.legs();
        long afterLegs = usedHeap();
        trades = book.trades();
        System.out.printf("%n[netting] %,d trades, %,d legs; heap retained: book %,d MiB, legs %,d MiB%n", book.size(),
                legs.size(), (afterBook - before) >> 20, (afterLegs - afterBook) >> 20);
        if (legs.size() != 2 * TRADES || legs.counterparties().size() != PARTIES || legs.currencies().size() != CURRENCIES.size()) {
            throw new IllegalStateException("the seeded cycle is not the one described");
        }
    }

    static TradeBook seededBook() {
        LocalDate valueDate = LocalDate.of(2026, 12, 1);
        Instant cutOff = Instant.parse("2026-11-30T16:00:00Z");
        List<CounterpartyId> parties = new ArrayList<>();
        for (int i = 0; i < PARTIES; i++) {
            parties.add(new CounterpartyId(String.format("CP%02d", i)));
        }
        List<CurrencyCode> currencies = CURRENCIES.stream().map(CurrencyCode::of).toList();
        TradeBook book = new TradeBook(new SettlementCycle(valueDate, cutOff), parties);
        SplittableRandom random = new SplittableRandom(SEED);
        Instant now = cutOff.minusSeconds(3600);
        for (int t = 0; t < TRADES; t++) {
            int buyer = random.nextInt(PARTIES);
            int seller = (buyer + 1 + random.nextInt(PARTIES - 1)) % PARTIES;
            int bought = random.nextInt(currencies.size());
            int paid = (bought + 1 + random.nextInt(currencies.size() - 1)) % currencies.size();
            book.add(new Trade(new TradeId("T" + t), parties.get(buyer), parties.get(seller),
                    Money.of(currencies.get(bought), random.nextLong(1, 1_000_000_000L)),
                    Money.of(currencies.get(paid), random.nextLong(1, 1_000_000_000L)), valueDate), now);
        }
        return book;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Netting proper: every leg once into owed[payer][payee][currency], then all positions and funding derived. */
    @Benchmark
    public NetPositions net() {
        return Netting.net(legs);
    }

    /** A cycle's close: netting the book's own leg columns. */
    @Benchmark
    public NetPositions netBook() {
        return book.netPositions();
    }

    /** What the book's columns save: the legs built from the trade objects (before any netting). */
    @Benchmark
    public PaymentLegs legsOfTrades() {
        return PaymentLegs.of(book.counterparties(), trades);
    }

    /** Floor: one pass over the same legs, each amount added into long[70 * 18] by payer and currency. */
    @Benchmark
    public long[] floorSumLegs() {
        int currencies = CURRENCIES.size();
        long[] sums = new long[PARTIES * currencies];
        for (int leg = 0, n = legs.size(); leg < n; leg++) {
            sums[legs.payer(leg) * currencies + legs.currency(leg)] += legs.amountMinor(leg);
        }
        return sums;
    }

    /**
     * The floor into an array the size of netting's owed array, long[70 * 70 * 18] (706 KB, in L2
     * rather than L1), indexed by payer, payee and currency as netting indexes it.
     */
    @Benchmark
    public long[] floorSumLegsByPair() {
        int currencies = CURRENCIES.size();
        long[] sums = new long[PARTIES * PARTIES * currencies];
        for (int leg = 0, n = legs.size(); leg < n; leg++) {
            sums[(legs.payer(leg) * PARTIES + legs.payee(leg)) * currencies + legs.currency(leg)] += legs.amountMinor(leg);
        }
        return sums;
    }

    /** The floor with the overflow check that netting makes on every addition. */
    @Benchmark
    public long[] floorSumLegsExact() {
        int currencies = CURRENCIES.size();
        long[] sums = new long[PARTIES * currencies];
        for (int leg = 0, n = legs.size(); leg < n; leg++) {
            int cell = legs.payer(leg) * currencies + legs.currency(leg);
            sums[cell] = Math.addExact(sums[cell], legs.amountMinor(leg));
        }
        return sums;
    }
}
