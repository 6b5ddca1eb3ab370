package org.ems.settlement.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.NetPositions;
import org.ems.settlement.domain.Netting;
import org.ems.settlement.domain.NettingMethod;
import org.ems.settlement.domain.PaymentLegs;
import org.ems.settlement.domain.SettlementCycle;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeBook;
import org.ems.settlement.domain.TradeId;
import org.ems.settlement.domain.TradeRefusal;
import org.ems.settlement.domain.TradeRefusedException;

/**
 * Settlement cycles of the netting system (figure 23): open a cycle, take its confirmed trades
 * (idempotently by trade id) and rescissions until the cut-off, close it at the cut-off (netting
 * its trades and storing the multilateral positions the settlement agents will settle), and count
 * the settlement's progress.
 *
 * <p>The trades are rows, the truth; there is no in-memory book shared between calls. Intake of
 * one cycle locks the cycle's row, looks the trade id up by key, and checks the new trade with a
 * one-trade {@link TradeBook} of the cycle (cut-off, value date, counterparties), so the domain's
 * rules decide and each call costs the same however many trades the cycle has. Closing reads the
 * booked trades in submission order and nets them ({@link PaymentLegs}, {@link Netting}).
 *
 * <p>Every refusal is a {@link TradeRefusedException} (or, for cycles themselves, an
 * {@code IllegalArgumentException} / {@code IllegalStateException}) thrown before any change.
 * {@link #receive} is the JMS consumer's entry: it returns refusals as values, so the consumer's
 * transaction stays good for dead-lettering the message.
 */
@Stateless
public class SettlementCycles {

    private static final Logger LOG = Logger.getLogger(SettlementCycles.class.getName());
    /** The portal's list of cycles is bounded. */
    public static final int MAX_LISTED = 200;

    @Inject SettlementCycleRepository repository;
    @Inject SettlementNotices notices;
    @Inject Clock clock;

    /**
     * Opens a cycle taking trades until {@code cutOff} among {@code counterparties} (2-256). Opening
     * it again with the same value date, cut-off and counterparties returns it as it is; with
     * others it is an {@code IllegalStateException}. A cut-off already passed is refused.
     */
    public CycleView open(CycleId id, LocalDate valueDate, Instant cutOff, Collection<CounterpartyId> counterparties) {
        SettlementCycle cycle = new SettlementCycle(valueDate, cutOff);
        Set<CounterpartyId> parties = new TreeSet<>(counterparties);
        new TradeBook(cycle, parties); // checks the number of counterparties
        Optional<SettlementCycleRecord> existing = repository.find(id);
        if (existing.isPresent()) {
            SettlementCycleRecord earlier = existing.get();
            if (!earlier.cycle().equals(cycle) || !earlier.counterparties().equals(List.copyOf(parties))) {
                throw new IllegalStateException("settlement cycle " + id + " is already open with value date "
                        + earlier.cycle().valueDate() + ", cut-off " + earlier.cycle().cutOff() + ", counterparties " + earlier.counterparties());
            }
            return view(earlier);
        }
        Instant now = clock.instant();
        if (!cycle.isOpenAt(now)) {
            throw new IllegalArgumentException("cut-off " + cutOff + " has passed (now " + now + ")");
        }
        SettlementCycleRecord record = new SettlementCycleRecord(id, cycle, parties, now);
        repository.store(record);
        notices.publish(CycleNotice.of(record, now));
        LOG.info(() -> "settlement cycle " + id + " opened: value date " + valueDate + ", cut-off " + cutOff + ", " + parties.size()
                + " counterparties");
        return view(record);
    }

    /**
     * Books a trade in the cycle: {@code true} if booked, {@code false} if exactly this trade was
     * submitted before (booked or rescinded since), which changes nothing, even after the cut-off.
     *
     * @throws TradeRefusedException a different trade under a used id, after the cut-off, another
     *     value date, an unregistered counterparty, a full book
     * @throws IllegalArgumentException no such cycle
     */
    public boolean submit(CycleId id, Trade trade) {
        return book(lockCycle(id), trade, clock.instant());
    }

    /**
     * Takes a trade out of the cycle before the cut-off: {@code true} if rescinded, {@code false}
     * if it already was.
     *
     * @throws TradeRefusedException after the cut-off, or an id never booked
     * @throws IllegalArgumentException no such cycle
     */
    public boolean rescind(CycleId id, TradeId trade) {
        return takeOut(lockCycle(id), trade, null, clock.instant());
    }

    /**
     * One trade message: {@code line} is an EMS-TRADE/1 line, to add or to rescind (then the line
     * must be the booked trade's). Never throws a refusal: it returns it, having changed nothing.
     */
    public IntakeOutcome receive(CycleId id, IntakeCommand command, String line) {
        try {
            Trade trade = Trade.decode(line);
            Optional<SettlementCycleRecord> cycle = repository.findForUpdate(id);
            if (cycle.isEmpty()) {
                return IntakeOutcome.refused("UNKNOWN_CYCLE: no settlement cycle " + id);
            }
            Instant now = clock.instant();
            boolean changed = switch (command) {
                case ADD -> book(cycle.get(), trade, now);
                case RESCIND -> takeOut(cycle.get(), trade.id(), trade, now);
            };
            return IntakeOutcome.of(changed);
        } catch (TradeRefusedException refused) {
            LOG.fine(() -> "trade message for cycle " + id + " refused: " + refused.getMessage());
            return IntakeOutcome.refused(refused.getMessage());
        }
    }

    /**
     * Closes the cycle at or after its cut-off: nets its booked trades and stores the
     * multilateral positions and the funding per currency. Closing a cycle that is no longer open
     * returns it as it is.
     *
     * @throws IllegalStateException before the cut-off
     */
    public CycleView close(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        if (cycle.state() != CycleState.OPEN) {
            return view(cycle);
        }
        Instant now = clock.instant();
        if (cycle.cycle().isOpenAt(now)) {
            throw new IllegalStateException("settlement cycle " + id + " takes trades until its cut-off " + cycle.cycle().cutOff()
                    + " (now " + now + ")");
        }
        List<Trade> trades = repository.bookedTrades(id).stream().map(CycleTradeRecord::trade).toList();
        NetPositions positions = Netting.net(PaymentLegs.of(cycle.counterparties(), trades));
        int toSettle = 0;
        for (CurrencyCode currency : positions.currencies()) {
            repository.store(new CycleFundingRecord(id, positions.funding(NettingMethod.GROSS, currency),
                    positions.funding(NettingMethod.BILATERAL, currency), positions.funding(NettingMethod.MULTILATERAL, currency)));
            for (CounterpartyId party : positions.counterparties()) {
                Money pays = positions.grossPays(party, currency);
                Money receives = positions.grossReceives(party, currency);
                if (!pays.isZero() || !receives.isZero()) {
                    Money net = positions.multilateral(party, currency);
                    repository.store(new CyclePositionRecord(id, party, net, pays, receives));
                    toSettle += net.isZero() ? 0 : 1;
                }
            }
        }
        cycle.close(toSettle, now);
        notices.publish(CycleNotice.of(cycle, now));
        int positionCount = toSettle;
        LOG.info(() -> "settlement cycle " + id + " closed: " + trades.size() + " trades, " + positionCount + " positions to settle");
        return view(cycle);
    }

    /** The settlement agents start moving money: CLOSED -> SETTLING. */
    public CycleView beginSettlement(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        cycle.beginSettlement();
        notices.publish(CycleNotice.of(cycle, clock.instant()));
        return view(cycle);
    }

    /** A debit position was paid in to the netting agent. */
    public CycleView recordPaidIn(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        cycle.countPaidIn();
        return view(cycle);
    }

    /** A credit position was paid out by the netting agent. */
    public CycleView recordPaidOut(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        cycle.countPaidOut();
        return view(cycle);
    }

    /** A position could not be settled. */
    public CycleView recordFailed(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        cycle.countFailed();
        return view(cycle);
    }

    /** SETTLING -> SETTLED if every position was paid in or out and none failed, else FAILED. */
    public CycleView finishSettlement(CycleId id) {
        SettlementCycleRecord cycle = lockCycle(id);
        Instant now = clock.instant();
        cycle.finish(now);
        notices.publish(CycleNotice.of(cycle, now));
        LOG.info(() -> "settlement cycle " + id + " " + cycle.state());
        return view(cycle);
    }

    public Optional<CycleView> find(CycleId id) {
        return repository.find(id).map(this::view);
    }

    /** Every state's cycles summed (a state without cycles gives zeros), in the states' order. */
    public List<CycleTotals> totals() {
        Map<CycleState, CycleTotals> byState = new EnumMap<>(CycleState.class);
        for (CycleState state : CycleState.values()) {
            byState.put(state, CycleTotals.none(state));
        }
        repository.totalsByState().forEach(t -> byState.put(t.state(), t));
        return List.copyOf(byState.values());
    }

    /** The most recently opened cycles, at most {@link #MAX_LISTED}, without positions. */
    public List<CycleView> recent() {
        return repository.recent(MAX_LISTED).stream().map(c -> view(c, List.of(), List.of())).toList();
    }

    /** A trade of the cycle as submitted (booked or rescinded), and whether it was rescinded. */
    public Optional<SubmittedTrade> trade(CycleId id, TradeId trade) {
        return repository.findTrade(id, trade).map(t -> new SubmittedTrade(t.trade(), t.sequence(), t.rescinded()));
    }

    /** A submitted trade, its place in the cycle's sequence, and whether it was rescinded. */
    public record SubmittedTrade(Trade trade, int sequence, boolean rescinded) {
    }

    private SettlementCycleRecord lockCycle(CycleId id) {
        return repository.findForUpdate(id).orElseThrow(() -> new IllegalArgumentException("no settlement cycle " + id));
    }

    /** Books {@code trade} in the locked {@code cycle}; every check comes before the first change. */
    private boolean book(SettlementCycleRecord cycle, Trade trade, Instant now) {
        CycleId id = cycle.id();
        Optional<CycleTradeRecord> earlier = repository.findTrade(id, trade.id());
        if (earlier.isPresent()) {
            if (earlier.get().trade().equals(trade)) {
                return false;
            }
            throw new TradeRefusedException(TradeRefusal.CONFLICTING_DUPLICATE, "cycle " + id + ", trade " + trade.id());
        }
        if (cycle.state() != CycleState.OPEN) {
            throw new TradeRefusedException(TradeRefusal.AFTER_CUT_OFF, "cycle " + id + " is " + cycle.state());
        }
        // The cycle's own rules, in the domain's order: cut-off, value date, counterparties.
        new TradeBook(cycle.cycle(), cycle.counterparties()).add(trade, now);
        requireRoom(cycle, trade);
        int sequence = cycle.useTradeId(trade.bought().currency(), trade.paid().currency());
        repository.store(new CycleTradeRecord(id, trade, sequence, now));
        return true;
    }

    /** Rescinds trade {@code tradeId}; if {@code expected} is given, the booked trade must equal it. */
    private boolean takeOut(SettlementCycleRecord cycle, TradeId tradeId, Trade expected, Instant now) {
        CycleId id = cycle.id();
        Optional<CycleTradeRecord> found = repository.findTrade(id, tradeId);
        if (found.isPresent() && expected != null && !found.get().trade().equals(expected)) {
            throw new TradeRefusedException(TradeRefusal.CONFLICTING_DUPLICATE,
                    "cycle " + id + ": rescission of trade " + tradeId + " names another trade than the one submitted");
        }
        if (found.isPresent() && found.get().rescinded()) {
            return false;
        }
        if (cycle.state() != CycleState.OPEN || !cycle.cycle().isOpenAt(now)) {
            throw new TradeRefusedException(TradeRefusal.AFTER_CUT_OFF,
                    "cycle " + id + ": rescind trade " + tradeId + " at " + now + ", cut-off " + cycle.cycle().cutOff());
        }
        if (found.isEmpty()) {
            throw new TradeRefusedException(TradeRefusal.UNKNOWN_TRADE, "cycle " + id + ", trade " + tradeId);
        }
        found.get().rescind(now);
        cycle.countRescission();
        return true;
    }

    private static void requireRoom(SettlementCycleRecord cycle, Trade trade) {
        if (cycle.tradeIdsUsed() >= TradeBook.MAX_TRADES) {
            throw new TradeRefusedException(TradeRefusal.BOOK_FULL,
                    "cycle " + cycle.id() + ", trade " + trade.id() + ": " + TradeBook.MAX_TRADES + " trade ids used");
        }
        Set<CurrencyCode> currencies = new TreeSet<>(java.util.Comparator.comparing(CurrencyCode::code));
        currencies.addAll(cycle.currencies());
        currencies.add(trade.bought().currency());
        currencies.add(trade.paid().currency());
        if (currencies.size() > TradeBook.MAX_CURRENCIES) {
            throw new TradeRefusedException(TradeRefusal.BOOK_FULL,
                    "cycle " + cycle.id() + ", trade " + trade.id() + ": more than " + TradeBook.MAX_CURRENCIES + " currencies");
        }
    }

    private CycleView view(SettlementCycleRecord cycle) {
        CycleId id = cycle.id();
        List<CycleView.Position> positions = new ArrayList<>();
        for (CyclePositionRecord p : repository.positions(id)) {
            positions.add(new CycleView.Position(p.counterparty(), p.net(), p.grossPays(), p.grossReceives()));
        }
        List<CycleView.Funding> funding = new ArrayList<>();
        for (CycleFundingRecord f : repository.funding(id)) {
            funding.add(new CycleView.Funding(f.gross(), f.bilateral(), f.multilateral(), f.saving().saved(),
                    f.saving().basisPoints(RoundingMode.HALF_EVEN)));
        }
        return view(cycle, positions, funding);
    }

    private static CycleView view(SettlementCycleRecord c, List<CycleView.Position> positions, List<CycleView.Funding> funding) {
        return new CycleView(c.id(), c.cycle().valueDate(), c.cycle().cutOff(), c.state(), c.counterparties(), c.booked(), c.rescinded(),
                c.positionsToSettle(), c.paidIn(), c.paidOut(), c.failed(), c.openedAt(), c.closedAt(), c.finishedAt(), positions,
                funding);
    }
}
