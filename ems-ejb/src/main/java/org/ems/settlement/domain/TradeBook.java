package org.ems.settlement.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.ems.money.domain.CurrencyCode;

/**
 * The confirmed trades of one settlement cycle among its registered counterparties (figure 23,
 * between steps 3004 and 3006-3010), with their payment legs kept as primitive columns so that
 * netting the cycle never walks the trade objects.
 *
 * <p><b>Mutable and single-threaded</b>: one owner (the intake of one cycle) changes it; it is not
 * safe to share between threads without the owner's own lock. Each change either happens
 * completely or is refused with a {@link TradeRefusedException} and changes nothing.
 *
 * <p>Invariants: every trade has the cycle's value date and two registered counterparties; a
 * trade id is used once per cycle, and a rescinded id stays used (so a redelivered add after a
 * rescission cannot bring the trade back); nothing changes at or after the cut-off except
 * redeliveries, which change nothing; at most {@link #MAX_TRADES} ids and
 * {@link #MAX_CURRENCIES} currencies (what the netting's dense arrays are sized for); the leg
 * columns hold two legs per booked trade and two zero legs per rescinded one.
 */
public final class TradeBook {

    public static final int MAX_TRADES = 10_000_000;
    /** Netting keeps an n x n x currencies array of longs: 256 x 256 x 64 x 8 bytes = 32 MiB at most. */
    public static final int MAX_COUNTERPARTIES = 256;
    public static final int MAX_CURRENCIES = 64;

    /** A booked trade and the index of its first leg (the seller's; the buyer's follows). */
    private record Booked(Trade trade, int firstLeg) {
    }

    private final SettlementCycle cycle;
    private final int maxTrades;
    private final List<CounterpartyId> counterparties;
    private final Map<CounterpartyId, Integer> partyIndex = new HashMap<>();
    private final Map<TradeId, Booked> trades = new LinkedHashMap<>();
    private final Map<TradeId, Trade> rescinded = new HashMap<>();
    /** Every currency ever booked in this cycle, rescinded ones too, in order of first use. */
    private final List<CurrencyCode> currencies = new ArrayList<>();
    private final Map<CurrencyCode, Integer> currencyIndex = new HashMap<>();
    private final LegColumns legs = new LegColumns();

    public TradeBook(SettlementCycle cycle, Collection<CounterpartyId> counterparties) {
        this(cycle, counterparties, MAX_TRADES);
    }

    /** With a lower trade limit, so that tests can fill a book. */
    TradeBook(SettlementCycle cycle, Collection<CounterpartyId> counterparties, int maxTrades) {
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        if (maxTrades < 1 || maxTrades > MAX_TRADES) {
            throw new IllegalArgumentException("trade limit must be 1-" + MAX_TRADES + ": " + maxTrades);
        }
        this.maxTrades = maxTrades;
        this.counterparties = List.copyOf(new TreeSet<>(counterparties));
        if (this.counterparties.size() < 2 || this.counterparties.size() > MAX_COUNTERPARTIES) {
            throw new IllegalArgumentException("a cycle needs 2-" + MAX_COUNTERPARTIES + " counterparties, got "
                    + this.counterparties.size());
        }
        for (int i = 0; i < this.counterparties.size(); i++) {
            partyIndex.put(this.counterparties.get(i), i);
        }
    }

    public SettlementCycle cycle() {
        return cycle;
    }

    /**
     * Books a confirmed trade. Returns {@code true} if it was added, {@code false} if exactly this
     * trade was already submitted (still booked, or rescinded since): a redelivery changes nothing,
     * even after the cut-off. Refuses a different trade under a used id, any new trade at or after
     * the cut-off, another value date, an unregistered counterparty, and a full book.
     */
    public boolean add(Trade trade, Instant now) {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(now, "now");
        Booked booked = trades.get(trade.id());
        Trade earlier = booked != null ? booked.trade() : rescinded.get(trade.id());
        if (earlier != null) {
            if (earlier.equals(trade)) {
                return false;
            }
            throw new TradeRefusedException(TradeRefusal.CONFLICTING_DUPLICATE, "trade " + trade.id());
        }
        requireOpen(now, "add trade " + trade.id());
        if (!trade.valueDate().equals(cycle.valueDate())) {
            throw new TradeRefusedException(TradeRefusal.WRONG_VALUE_DATE,
                    "trade " + trade.id() + " settles " + trade.valueDate() + ", the cycle " + cycle.valueDate());
        }
        int buyer = registered(trade, trade.buyer());
        int seller = registered(trade, trade.seller());
        requireRoom(trade);
        int firstLeg = legs.append(seller, buyer, currencyIndex(trade.bought().currency()), trade.bought().amountMinor());
        legs.append(buyer, seller, currencyIndex(trade.paid().currency()), trade.paid().amountMinor());
        trades.put(trade.id(), new Booked(trade, firstLeg));
        return true;
    }

    /**
     * Takes a trade out of the book before the cut-off. Returns {@code true} if it was rescinded,
     * {@code false} if it already was (a redelivery). Refuses at or after the cut-off, and an id
     * never booked.
     */
    public boolean rescind(TradeId id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        if (rescinded.containsKey(id)) {
            return false;
        }
        requireOpen(now, "rescind trade " + id);
        Booked booked = trades.remove(id);
        if (booked == null) {
            throw new TradeRefusedException(TradeRefusal.UNKNOWN_TRADE, "trade " + id);
        }
        legs.zero(booked.firstLeg());
        legs.zero(booked.firstLeg() + 1);
        rescinded.put(id, booked.trade());
        return true;
    }

    public Optional<Trade> find(TradeId id) {
        return Optional.ofNullable(trades.get(id)).map(Booked::trade);
    }

    public boolean isRescinded(TradeId id) {
        return rescinded.containsKey(id);
    }

    /** The number of booked (not rescinded) trades. */
    public int size() {
        return trades.size();
    }

    /** The booked trades in the order they were added (a copy). */
    public List<Trade> trades() {
        return trades.values().stream().map(Booked::trade).toList();
    }

    /** The registered counterparties, in code order. */
    public List<CounterpartyId> counterparties() {
        return counterparties;
    }

    /** The payment legs of the booked trades, in the order they were added (a copy). */
    public PaymentLegs legs() {
        return legs.view(counterparties, currencies).copyWithoutZeroLegs();
    }

    /** Gross, bilateral and multilateral positions of the booked trades, from the leg columns (no copy). */
    public NetPositions netPositions() {
        return Netting.net(legs.view(counterparties, currencies));
    }

    private void requireOpen(Instant now, String what) {
        if (!cycle.isOpenAt(now)) {
            throw new TradeRefusedException(TradeRefusal.AFTER_CUT_OFF, what + " at " + now + ", cut-off " + cycle.cutOff());
        }
    }

    private int registered(Trade trade, CounterpartyId counterparty) {
        Integer index = partyIndex.get(counterparty);
        if (index == null) {
            throw new TradeRefusedException(TradeRefusal.UNKNOWN_COUNTERPARTY, "trade " + trade.id() + ": " + counterparty);
        }
        return index;
    }

    private void requireRoom(Trade trade) {
        if (trades.size() + rescinded.size() >= maxTrades) {
            throw new TradeRefusedException(TradeRefusal.BOOK_FULL, "trade " + trade.id() + ": " + maxTrades + " trade ids used");
        }
        int newCurrencies = (currencyIndex.containsKey(trade.bought().currency()) ? 0 : 1)
                + (currencyIndex.containsKey(trade.paid().currency()) ? 0 : 1);
        if (currencies.size() + newCurrencies > MAX_CURRENCIES) {
            throw new TradeRefusedException(TradeRefusal.BOOK_FULL,
                    "trade " + trade.id() + ": more than " + MAX_CURRENCIES + " currencies in the cycle");
        }
    }

    /** The currency's index in this book, assigned on first use (after {@link #requireRoom} made room). */
    private int currencyIndex(CurrencyCode currency) {
        return currencyIndex.computeIfAbsent(currency, c -> {
            currencies.add(c);
            return currencies.size() - 1;
        });
    }
}
