package org.ems.settlement.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ems.money.domain.CurrencyCode;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.SettlementCycle;
import org.ems.settlement.domain.TradeBook;

/**
 * One settlement cycle: its value date, cut-off and registered counterparties, its state, how
 * many trade ids it has used (its sequence of trades), the currencies its trades used, and the
 * settlement progress counters. Intake locks this row (pessimistically) so that the trades of
 * one cycle are booked one at a time, as {@link TradeBook} requires.
 */
@Entity
@Table(name = "SETTLEMENT_CYCLE")
public class SettlementCycleRecord {

    /** 256 codes of up to 11 characters, each followed by a space. */
    static final int COUNTERPARTIES_LENGTH = TradeBook.MAX_COUNTERPARTIES * 12;
    /** 64 codes of 3 letters, each followed by a space. */
    static final int CURRENCIES_LENGTH = TradeBook.MAX_CURRENCIES * 4;

    @Id
    @Column(length = 32)
    private String id;

    @Column(nullable = false)
    private LocalDate valueDate;

    @Column(nullable = false)
    private Instant cutOff;

    /** The registered counterparty codes in code order, separated by single spaces. */
    @Column(nullable = false, length = COUNTERPARTIES_LENGTH)
    private String counterparties;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private CycleState state;

    /** Trade ids used so far, booked or rescinded: the next trade's sequence number. */
    @Column(nullable = false)
    private int tradeIdsUsed;

    @Column(nullable = false)
    private int rescinded;

    /** Every currency a trade of this cycle used (rescinded ones too), in order of first use, separated by spaces. */
    @Column(nullable = false, length = CURRENCIES_LENGTH)
    private String currencies;

    @Column(nullable = false)
    private int paidIn;

    @Column(nullable = false)
    private int paidOut;

    @Column(nullable = false)
    private int failed;

    /** The non-zero multilateral positions stored at closing: what the settlement has to move. */
    @Column(nullable = false)
    private int positionsToSettle;

    @Column(nullable = false)
    private Instant openedAt;

    private Instant closedAt;

    private Instant finishedAt;

    protected SettlementCycleRecord() {
        // for JPA
    }

    SettlementCycleRecord(CycleId id, SettlementCycle cycle, Set<CounterpartyId> counterparties, Instant openedAt) {
        this.id = id.value();
        this.valueDate = cycle.valueDate();
        this.cutOff = cycle.cutOff();
        this.counterparties = String.join(" ", new TreeSet<>(counterparties).stream().map(CounterpartyId::code).toList());
        this.state = CycleState.OPEN;
        this.currencies = "";
        this.openedAt = openedAt;
    }

    public CycleId id() {
        return new CycleId(id);
    }

    public SettlementCycle cycle() {
        return new SettlementCycle(valueDate, cutOff);
    }

    public List<CounterpartyId> counterparties() {
        return Arrays.stream(counterparties.split(" ")).map(CounterpartyId::new).toList();
    }

    public CycleState state() {
        return state;
    }

    public int tradeIdsUsed() {
        return tradeIdsUsed;
    }

    public int rescinded() {
        return rescinded;
    }

    /** Booked and not rescinded. */
    public int booked() {
        return tradeIdsUsed - rescinded;
    }

    public List<CurrencyCode> currencies() {
        return currencies.isEmpty() ? List.of() : Arrays.stream(currencies.split(" ")).map(CurrencyCode::of).toList();
    }

    public int paidIn() {
        return paidIn;
    }

    public int paidOut() {
        return paidOut;
    }

    public int failed() {
        return failed;
    }

    public int positionsToSettle() {
        return positionsToSettle;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Takes the next trade id; returns the trade's sequence number (0 first). */
    int useTradeId(CurrencyCode bought, CurrencyCode paid) {
        useCurrency(bought);
        useCurrency(paid);
        return tradeIdsUsed++;
    }

    void countRescission() {
        rescinded++;
    }

    private void useCurrency(CurrencyCode currency) {
        if (!currencies().contains(currency)) {
            currencies = currencies.isEmpty() ? currency.code() : currencies + " " + currency.code();
        }
    }

    void close(int positions, Instant at) {
        moveTo(CycleState.CLOSED);
        this.positionsToSettle = positions;
        this.closedAt = at;
    }

    void beginSettlement() {
        moveTo(CycleState.SETTLING);
    }

    void countPaidIn() {
        requireSettling();
        paidIn++;
    }

    void countPaidOut() {
        requireSettling();
        paidOut++;
    }

    void countFailed() {
        requireSettling();
        failed++;
    }

    /** SETTLED if every position was paid and none failed, FAILED otherwise. */
    void finish(Instant at) {
        moveTo(failed == 0 && paidIn + paidOut == positionsToSettle ? CycleState.SETTLED : CycleState.FAILED);
        this.finishedAt = at;
    }

    private void requireSettling() {
        if (state != CycleState.SETTLING) {
            throw new IllegalStateException("settlement cycle " + id + " is " + state + ", not SETTLING");
        }
        if (paidIn + paidOut + failed >= positionsToSettle) {
            throw new IllegalStateException("settlement cycle " + id + " has accounted for all its " + positionsToSettle + " positions");
        }
    }

    private void moveTo(CycleState next) {
        if (!state.mayBecome(next)) {
            throw new IllegalStateException("settlement cycle " + id + " is " + state + " and cannot become " + next);
        }
        state = next;
    }
}
