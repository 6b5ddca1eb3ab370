package org.ems.settlement.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeId;
import org.ems.settlement.domain.TradeRefusal;
import org.ems.settlement.domain.TradeRefusedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settlement cycles over JPA in real JTA transactions: intake, refusals, rescission, closing, progress. */
class SettlementCyclesTest {

    static final CounterpartyId A = new CounterpartyId("A");
    static final CounterpartyId B = new CounterpartyId("B");
    static final CounterpartyId C = new CounterpartyId("C");
    static final CurrencyCode USD = CurrencyCode.of("USD");
    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    static final LocalDate VALUE_DATE = LocalDate.of(2026, 12, 1);
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final AtomicInteger CYCLES = new AtomicInteger();
    /** The patent's four trades (docs/settlement.md). */
    static final List<String> PATENT_LINES = List.of(
            "EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD",
            "EMS-TRADE/1 2 2026-12-01 A B 500 USD 500 JPY",
            "EMS-TRADE/1 3 2026-12-01 B C 600 USD 600 JPY",
            "EMS-TRADE/1 4 2026-12-01 A B 900 JPY 900 USD");

    /** One database for the class (a harness takes a second or two to start); each test has its own cycle. */
    static SettlementWiring w;
    static SettlementCycles cycles;

    CycleId id;
    Instant now;
    Instant cutOff;

    @BeforeAll
    static void start() {
        w = new SettlementWiring("settlement", START);
        cycles = w.cycles;
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @BeforeEach
    void open() {
        id = new CycleId("CLS-2026-12-01-" + CYCLES.incrementAndGet());
        now = w.clock.instant();
        cutOff = now.plus(Duration.ofHours(4));
        w.notices.clear();
        w.tx(() -> cycles.open(id, VALUE_DATE, cutOff, List.of(C, A, B)));
    }

    static Trade trade(int index) {
        return Trade.decode(PATENT_LINES.get(index));
    }

    boolean submit(Trade trade) {
        return w.tx(() -> cycles.submit(id, trade));
    }

    CycleView view() {
        return w.tx(() -> cycles.find(id)).orElseThrow();
    }

    void refusedWith(TradeRefusal reason, Runnable attempt) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(TradeRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void openingRegistersTheCounterpartiesInCodeOrderAndAnnouncesTheCycle() {
        CycleView view = view();
        assertThat(view.state()).isEqualTo(CycleState.OPEN);
        assertThat(view.counterparties()).containsExactly(A, B, C);
        assertThat(view.trades()).isZero();
        assertThat(w.notices).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(CycleState.OPEN);
            assertThat(n.encode()).isEqualTo("EMS-CYCLE-STATUS/1 " + id + " OPEN RCVD 2026-12-01 " + cutOff + " 0 0 0 0 0 " + now);
        });
    }

    @Test
    void openingAgainWithTheSameTermsIsANoOpAndWithOthersAConflict() {
        assertThat(w.tx(() -> cycles.open(id, VALUE_DATE, cutOff, List.of(A, B, C))).state()).isEqualTo(CycleState.OPEN);
        assertThat(w.notices).hasSize(1);
        assertThatThrownBy(() -> w.tx(() -> cycles.open(id, VALUE_DATE, cutOff.plusSeconds(1), List.of(A, B, C))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.tx(() -> cycles.open(id, VALUE_DATE, cutOff, List.of(A, B))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(view().cutOff()).isEqualTo(cutOff);
    }

    @Test
    void aCycleNeedsTwoCounterpartiesAndACutOffStillToCome() {
        CycleId other = new CycleId(id + "x");
        assertThatThrownBy(() -> w.tx(() -> cycles.open(other, VALUE_DATE, cutOff, List.of(A)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.tx(() -> cycles.open(other, VALUE_DATE, now, List.of(A, B)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(w.tx(() -> cycles.find(other))).isEmpty();
    }

    @Test
    void intakeBooksATradeOnce() {
        assertThat(submit(trade(0))).isTrue();
        assertThat(view().trades()).isEqualTo(1);
        assertThat(w.tx(() -> cycles.trade(id, new TradeId("1")))).hasValueSatisfying(t -> {
            assertThat(t.trade()).isEqualTo(trade(0));
            assertThat(t.sequence()).isZero();
            assertThat(t.rescinded()).isFalse();
        });
    }

    @Test
    void theSameTradeAgainChangesNothing() {
        submit(trade(0));
        assertThat(submit(trade(0))).isFalse();
        assertThat(view().trades()).isEqualTo(1);
        submit(trade(1));
        assertThat(w.tx(() -> cycles.trade(id, new TradeId("2"))).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void aDifferentTradeUnderAUsedIdIsRefusedAndTheFirstStays() {
        submit(trade(0));
        Trade other = Trade.decode("EMS-TRADE/1 1 2026-12-01 A C 1001 JPY 1000 USD");
        refusedWith(TradeRefusal.CONFLICTING_DUPLICATE, () -> submit(other));
        assertThat(w.tx(() -> cycles.trade(id, new TradeId("1"))).orElseThrow().trade()).isEqualTo(trade(0));
        assertThat(view().trades()).isEqualTo(1);
    }

    @Test
    void anUnregisteredCounterpartyIsRefusedAndNothingIsStored() {
        Trade withD = Trade.decode("EMS-TRADE/1 9 2026-12-01 A D 1000 JPY 1000 USD");
        refusedWith(TradeRefusal.UNKNOWN_COUNTERPARTY, () -> submit(withD));
        assertThat(w.tx(() -> cycles.trade(id, new TradeId("9")))).isEmpty();
        assertThat(view().trades()).isZero();
    }

    @Test
    void anotherValueDateIsRefused() {
        refusedWith(TradeRefusal.WRONG_VALUE_DATE, () -> submit(Trade.decode("EMS-TRADE/1 9 2026-12-02 A C 1000 JPY 1000 USD")));
        assertThat(view().trades()).isZero();
    }

    @Test
    void anUnknownCycleIsRefused() {
        assertThatThrownBy(() -> w.tx(() -> cycles.submit(new CycleId("nope"), trade(0)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atTheCutOffNewTradesAndRescissionsAreRefusedButRepeatsChangeNothing() {
        submit(trade(0));
        w.clock.advance(Duration.between(now, cutOff));
        refusedWith(TradeRefusal.AFTER_CUT_OFF, () -> submit(trade(1)));
        refusedWith(TradeRefusal.AFTER_CUT_OFF, () -> w.tx(() -> cycles.rescind(id, new TradeId("1"))));
        assertThat(submit(trade(0))).isFalse();
        assertThat(view().trades()).isEqualTo(1);
    }

    @Test
    void rescindingTakesATradeOutForGood() {
        submit(trade(0));
        assertThat(w.tx(() -> cycles.rescind(id, new TradeId("1")))).isTrue();
        assertThat(w.tx(() -> cycles.rescind(id, new TradeId("1")))).isFalse();
        assertThat(submit(trade(0))).as("a redelivered add does not bring it back").isFalse();
        CycleView view = view();
        assertThat(view.trades()).isZero();
        assertThat(view.rescinded()).isEqualTo(1);
        assertThat(w.tx(() -> cycles.trade(id, new TradeId("1"))).orElseThrow().rescinded()).isTrue();
        refusedWith(TradeRefusal.UNKNOWN_TRADE, () -> w.tx(() -> cycles.rescind(id, new TradeId("7"))));
    }

    @Test
    void closingBeforeTheCutOffIsRefused() {
        submit(trade(0));
        assertThatThrownBy(() -> w.tx(() -> cycles.close(id))).isInstanceOf(IllegalStateException.class);
        assertThat(view().state()).isEqualTo(CycleState.OPEN);
    }

    @Test
    void closingNetsThePatentExampleAndStoresTheMultilateralPositions() {
        PATENT_LINES.forEach(line -> submit(Trade.decode(line)));
        submit(Trade.decode("EMS-TRADE/1 5 2026-12-01 C A 700 USD 700 JPY"));
        w.tx(() -> cycles.rescind(id, new TradeId("5")));
        w.clock.advance(Duration.between(now, cutOff));

        CycleView closed = w.tx(() -> cycles.close(id));

        assertThat(closed.state()).isEqualTo(CycleState.CLOSED);
        assertThat(closed.closedAt()).isEqualTo(cutOff);
        assertThat(closed.trades()).isEqualTo(4);
        assertThat(closed.positions()).extracting(p -> p.counterparty().code() + " " + p.net()).containsExactly(
                "A " + Money.of(JPY, 1400), "A " + Money.of(USD, -1400),
                "B " + Money.of(JPY, -1000), "B " + Money.of(USD, 1000),
                "C " + Money.of(JPY, -400), "C " + Money.of(USD, 400));
        assertThat(closed.positionsToSettle()).isEqualTo(6);
        CycleView.Position a = closed.positions().get(1);
        assertThat(a.grossPays()).isEqualTo(Money.of(USD, 1900));
        assertThat(a.grossReceives()).isEqualTo(Money.of(USD, 500));
        assertThat(closed.funding()).containsExactly(
                new CycleView.Funding(Money.of(JPY, 3000), Money.of(JPY, 2000), Money.of(JPY, 1400), Money.of(JPY, 1600), 5333),
                new CycleView.Funding(Money.of(USD, 3000), Money.of(USD, 2000), Money.of(USD, 1400), Money.of(USD, 1600), 5333));
        assertThat(w.notices).extracting(CycleNotice::state).containsExactly(CycleState.OPEN, CycleState.CLOSED);
        assertThat(w.notices.get(1).encode()).contains(" CLOSED ACCP ").contains(" 4 6 0 0 0 ");

        assertThat(w.tx(() -> cycles.close(id))).as("closing again changes nothing").isEqualTo(closed);
        assertThat(w.notices).hasSize(2);
        refusedWith(TradeRefusal.AFTER_CUT_OFF, () -> submit(Trade.decode("EMS-TRADE/1 6 2026-12-01 C A 700 USD 700 JPY")));
    }

    @Test
    void aClosedCycleWithoutTradesHasNothingToSettle() {
        w.clock.advance(Duration.between(now, cutOff));
        CycleView closed = w.tx(() -> cycles.close(id));
        assertThat(closed.positions()).isEmpty();
        assertThat(closed.funding()).isEmpty();
        assertThat(closed.positionsToSettle()).isZero();
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String line = PATENT_LINES.get(0);
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.ADD, line))).isEqualTo(IntakeOutcome.of(true));
        CycleView before = view();
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.ADD, line))).isEqualTo(IntakeOutcome.of(false));
        assertThat(view()).isEqualTo(before);

        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.RESCIND, line))).isEqualTo(IntakeOutcome.of(true));
        CycleView rescinded = view();
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.RESCIND, line))).isEqualTo(IntakeOutcome.of(false));
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.ADD, line))).isEqualTo(IntakeOutcome.of(false));
        assertThat(view()).isEqualTo(rescinded);
    }

    @Test
    void receiveReturnsRefusalsWithTheirReasonAndChangesNothing() {
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.ADD, "EMS-TRADE/1 1 2026-12-01 A C 01000 JPY 1000 USD")).reason())
                .startsWith("MALFORMED");
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.ADD, "EMS-TRADE/1 1 2026-12-01 A D 1000 JPY 1000 USD")).reason())
                .startsWith("UNKNOWN_COUNTERPARTY");
        assertThat(w.tx(() -> cycles.receive(new CycleId("nope"), IntakeCommand.ADD, PATENT_LINES.get(0))).reason())
                .startsWith("UNKNOWN_CYCLE");
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.RESCIND, PATENT_LINES.get(0))).reason()).startsWith("UNKNOWN_TRADE");
        w.tx(() -> cycles.receive(id, IntakeCommand.ADD, PATENT_LINES.get(0)));
        assertThat(w.tx(() -> cycles.receive(id, IntakeCommand.RESCIND, "EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 999 USD")).reason())
                .as("a rescission must name the trade submitted").startsWith("CONFLICTING_DUPLICATE");
        CycleView view = view();
        assertThat(view.trades()).isEqualTo(1);
        assertThat(view.rescinded()).isZero();
    }

    @Test
    void theDatabaseRefusesASecondRowForATradeId() {
        submit(trade(0));
        assertThatThrownBy(() -> w.harness.inTransaction(em -> {
            em.persist(new CycleTradeRecord(id, trade(0), 99, now));
            em.flush();
        })).isInstanceOf(RuntimeException.class);
        assertThat(view().trades()).isEqualTo(1);
    }

    @Test
    void settlementCountsPaymentsAndSettlesWhenEveryPositionIsPaid() {
        PATENT_LINES.forEach(line -> submit(Trade.decode(line)));
        assertThatThrownBy(() -> w.tx(() -> cycles.beginSettlement(id))).as("not closed").isInstanceOf(IllegalStateException.class);
        w.clock.advance(Duration.between(now, cutOff));
        w.tx(() -> cycles.close(id));
        assertThatThrownBy(() -> w.tx(() -> cycles.recordPaidIn(id))).as("not settling").isInstanceOf(IllegalStateException.class);
        w.tx(() -> cycles.beginSettlement(id));
        for (int i = 0; i < 3; i++) {
            w.tx(() -> cycles.recordPaidIn(id));
            w.tx(() -> cycles.recordPaidOut(id));
        }
        assertThatThrownBy(() -> w.tx(() -> cycles.recordPaidOut(id))).as("all six accounted for")
                .isInstanceOf(IllegalStateException.class);
        CycleView settled = w.tx(() -> cycles.finishSettlement(id));
        assertThat(settled.state()).isEqualTo(CycleState.SETTLED);
        assertThat(List.of(settled.paidIn(), settled.paidOut(), settled.failed())).containsExactly(3, 3, 0);
        assertThat(w.notices).extracting(n -> n.state().isoGroupStatus()).containsExactly("RCVD", "ACCP", "ACSP", "ACSC");
        assertThatThrownBy(() -> w.tx(() -> cycles.finishSettlement(id))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedOrMissingPaymentFailsTheCycle() {
        settlingThePatentExample();
        w.tx(() -> cycles.recordPaidIn(id));
        w.tx(() -> cycles.recordFailed(id));
        CycleView failed = w.tx(() -> cycles.finishSettlement(id));
        assertThat(failed.state()).isEqualTo(CycleState.FAILED);
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(w.notices.get(w.notices.size() - 1).encode()).contains(" FAILED RJCT ");
    }

    @Test
    void totalsSumEachStatesCyclesAndTheirProgress() {
        Map<CycleState, CycleTotals> before = totals();
        assertThat(before.keySet()).containsExactly(CycleState.values());
        settlingThePatentExample();
        w.tx(() -> cycles.recordPaidIn(id));
        w.tx(() -> cycles.recordPaidIn(id));
        w.tx(() -> cycles.recordFailed(id));

        Map<CycleState, CycleTotals> after = totals();
        assertThat(after.get(CycleState.OPEN).cycles()).isEqualTo(before.get(CycleState.OPEN).cycles() - 1);
        CycleTotals settling = after.get(CycleState.SETTLING);
        CycleTotals was = before.get(CycleState.SETTLING);
        assertThat(List.of(settling.cycles() - was.cycles(), settling.positionsToSettle() - was.positionsToSettle(),
                settling.paidIn() - was.paidIn(), settling.paidOut() - was.paidOut(), settling.failed() - was.failed()))
                .containsExactly(1L, 6L, 2L, 0L, 1L);
    }

    /** The patent's trades booked, the cycle closed at its cut-off and settling (six positions). */
    private void settlingThePatentExample() {
        PATENT_LINES.forEach(line -> submit(Trade.decode(line)));
        w.clock.advance(Duration.between(now, cutOff));
        w.tx(() -> cycles.close(id));
        w.tx(() -> cycles.beginSettlement(id));
    }

    private static Map<CycleState, CycleTotals> totals() {
        Map<CycleState, CycleTotals> byState = new LinkedHashMap<>();
        w.tx(cycles::totals).forEach(t -> byState.put(t.state(), t));
        return byState;
    }

    @Test
    void cycleIdsAreBounded() {
        assertThatThrownBy(() -> new CycleId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CycleId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CycleId("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CycleId("x".repeat(32)).value()).hasSize(32);
    }
}
