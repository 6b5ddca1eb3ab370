package org.ems.money.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.application.PaymentFixture.USD;
import static org.ems.money.application.PaymentFixture.usd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.FxCommitOrder.Side;
import org.ems.money.protocol.LogEntry.Direction;
import org.ems.money.protocol.LogEntry.Kind;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Settle Foreign Exchange (figure 27) between two hosted modules inside their established
 * session, one JTA transaction per party step (Hibernate + Derby XA + Narayana): several
 * currencies move exactly, each transfer committing in the order S(X); a one-way payment; hosts
 * that expect other amounts refuse them and nothing changes; refusals change nothing; a silent
 * peer aborts with the notes kept; an abort after the first commit leaves a failed-commit record
 * of exactly what was lost; redelivered frames change nothing; each currency is conserved.
 */
class SettleFxServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final CurrencyCode GBP = CurrencyCode.of("GBP");
    private static final int MAX_SESSION_TRIES = 40;

    private PaymentFixture f;
    private ModuleId a;
    private ModuleId b;

    @BeforeEach
    void start() {
        f = new PaymentFixture("sfx" + RUN.incrementAndGet());
        a = f.signedOnModule();
        b = f.signedOnModule();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aTwoWaySettlementInSeveralCurrenciesMovesExactlyTheAmountsInTheOrderSX(Side first) {
        ConversationId session = sessionWhereFirstIs(first);
        f.fund(a, 1000, 500);
        f.fund(a, EUR, 800);
        f.fund(b, GBP, 2000, 300);
        List<PaymentSettled> settled = new ArrayList<>();
        f.settled.observe(settled::add);

        SettlementAmounts aSends = amounts(usd(1200), eur(500));
        SettlementAmounts bSends = amounts(gbp(2100));
        f.security.txRun(() -> f.settlements.expect(b, session, a, bSends, aSends));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, aSends, bSends));
        List<String> commits = deliverRecordingCommits();

        // S(X)'s transfer commits first; for each transfer the transferor commits before the transferee
        String aOut = "EUR 5.00 + USD 12.00";
        String bOut = "GBP 21.00";
        List<String> expected = first == Side.A
                ? List.of("A SENT " + aOut, "B SENT " + bOut, "B RECEIVED " + aOut, "A RECEIVED " + bOut)
                : List.of("B SENT " + bOut, "A SENT " + aOut, "A RECEIVED " + bOut, "B RECEIVED " + aOut);
        assertThat(commits).isEqualTo(expected);

        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300), EUR, eur(300), GBP, gbp(2100)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(1200), EUR, eur(500), GBP, gbp(200)));
        assertThat(view(a, settlement)).isEqualTo(new SettleFxService.SettlementView("A", "COMMITTED", true, "RECEIVED", first.name(),
                aSends, bSends, bSends));
        assertThat(view(b, settlement)).isEqualTo(new SettleFxService.SettlementView("B", "COMMITTED", true, "RECEIVED", first.name(),
                bSends, aSends, aSends));
        assertThat(settled).containsExactlyInAnyOrder(
                new PaymentSettled(a, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.RECEIVED)),
                new PaymentSettled(b, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.RECEIVED)));
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).isEmpty();
    }

    @Test
    void aOneWaySettlementPaysTheAmountsFromAToB() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(a, EUR, 400);
        List<PaymentSettled> settled = new ArrayList<>();
        f.settled.observe(settled::add);

        SettlementAmounts aSends = amounts(usd(700), eur(400));
        f.security.txRun(() -> f.settlements.expect(b, session, a, SettlementAmounts.none(), aSends));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, aSends, SettlementAmounts.none()));
        List<String> commits = deliverRecordingCommits();

        assertThat(commits).containsExactly("A SENT EUR 4.00 + USD 7.00", "B RECEIVED EUR 4.00 + USD 7.00");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(700), EUR, eur(400)));
        assertThat(view(a, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("COMMITTED", "PAID");
        assertThat(view(b, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("COMMITTED", "RECEIVED");
        assertThat(settled).containsExactlyInAnyOrder(
                new PaymentSettled(a, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.PAID)),
                new PaymentSettled(b, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.RECEIVED)));
    }

    @Test
    void aHostThatExpectsOtherAmountsRefusesThemAndNothingChanges() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, GBP, 1000);
        List<PaymentSettled> settled = new ArrayList<>();
        f.settled.observe(settled::add);

        // B's host expects 8.00 dollars; A proposes 10.00
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(500)), amounts(usd(800))));
        ConversationId first = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(1000)), amounts(gbp(500))));
        f.pump();
        assertRefused(first);

        // A's host expects 6.00 pounds; B agreed to send 5.00
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(500)), amounts(usd(1000))));
        ConversationId second = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(1000)), amounts(gbp(600))));
        f.pump();
        assertRefused(second);

        // credit notes are another amount than currency notes of the same unit
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(500)),
                new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, usd(1000))))));
        ConversationId third = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(1000)), amounts(gbp(500))));
        f.pump();
        assertRefused(third);

        assertThat(settled).hasSize(6).allSatisfy(s -> {
            assertThat(s.side()).isEqualTo(Protocol.SETTLE_FX);
            assertThat(s.outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
        });
        // the agreed amounts still settle
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(500)), amounts(usd(1000))));
        ConversationId agreed = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(1000)), amounts(gbp(500))));
        f.pump();
        assertThat(view(a, agreed).outcome()).isEqualTo("RECEIVED");
        assertThat(balances(a)).isEqualTo(Map.of(GBP, gbp(500)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(1000), GBP, gbp(500)));
    }

    @Test
    void aHostAgreedToTakePartOfATransferTakesAnyPartAndRefusesMoreOrOtherAmounts() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000, 500);
        f.fund(a, EUR, 800);
        SettlementAmounts upTo = amounts(usd(1000), eur(800));
        Duration lifetime = Duration.ofMinutes(10);

        // more than what is left of a currency, and a currency not agreed: refused, nothing moves
        f.security.txRun(() -> f.settlements.expectUpTo(b, session, a, upTo, lifetime));
        ConversationId tooMuch = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(1001)), SettlementAmounts.none()));
        f.pump();
        assertThat(view(b, tooMuch).outcome()).isEqualTo("AMOUNTS_REFUSED");
        f.fund(a, GBP, 100);
        f.security.txRun(() -> f.settlements.expectUpTo(b, session, a, upTo, lifetime));
        ConversationId other = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(100), gbp(100)), SettlementAmounts.none()));
        f.pump();
        assertThat(view(b, other).outcome()).isEqualTo("AMOUNTS_REFUSED");
        assertThat(balances(b)).isEmpty();

        // a part: B's view says what it carried, within what B agreed to
        f.security.txRun(() -> f.settlements.expectUpTo(b, session, a, upTo, lifetime));
        assertThat(f.security.tx(() -> f.settlements.packet(a, upTo))).isEqualTo(upTo);     // two notes: one packet carries all
        ConversationId part = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(400)), SettlementAmounts.none()));
        f.pump();
        assertThat(view(b, part)).satisfies(v -> {
            assertThat(v.outcome()).isEqualTo("RECEIVED");
            assertThat(v.expected()).isEqualTo(upTo);
            assertThat(v.take()).isEqualTo(amounts(usd(400)));
        });
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(400)));
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1100), EUR, eur(800), GBP, gbp(100)));
    }

    private void assertRefused(ConversationId settlement) {
        assertThat(view(a, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "AMOUNTS_REFUSED");
        assertThat(view(b, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "AMOUNTS_REFUSED");
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void insufficientFundsAreRefusedAndChangeNothing() {
        ConversationId session = f.session(a, b);
        f.fund(a, 300);
        f.fund(a, EUR, 100);
        f.fund(b, GBP, 400);
        int sent = f.transport.sent.size();

        // B cannot send what it does not hold: no agreement is stored
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(401)), amounts(usd(300)))))
                .isInstanceOf(InsufficientFundsException.class);
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).isEmpty();

        // A cannot send what it does not hold, in any one of its currencies: nothing logged, nothing sent, A not busy
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(400)), amounts(usd(300), eur(101))));
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(300), eur(101)), amounts(gbp(400)))))
                .isInstanceOf(InsufficientFundsException.class)
                .satisfies(e -> assertThat(((InsufficientFundsException) e).requested()).isEqualTo(eur(101)));
        // currency notes do not pay a credit amount
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, session,
                new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, usd(100)))), amounts(gbp(400)))))
                .isInstanceOf(InsufficientFundsException.class);

        assertThat(f.transport.sent).hasSize(sent);
        assertThat(f.transport.queue).isEmpty();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300), EUR, eur(100)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(400)));
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
        assertThat(busy(a)).isFalse();
    }

    @Test
    void aResponderShortOfFundsWhenTheAmountsArriveCancelsAndNothingMoves() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, GBP, 1000);
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(900)), amounts(usd(800))));
        // before A starts, B pays 500 of its pounds away: it agreed to send more than it now holds
        f.security.txRun(() -> f.payments.expect(a, session, b, gbp(500)));
        f.security.tx(() -> f.payments.pay(b, session, gbp(500)));
        f.pump();
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(500)));
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).isPresent();

        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(800)), amounts(gbp(900))));
        f.pump();

        assertThat(view(b, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "INSUFFICIENT_FUNDS");
        assertThat(view(a, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "ABORTED_BY_PEER");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000), GBP, gbp(500)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(500)));
        assertThat(log(a).stream().filter(l -> l.conversation().equals(settlement.toString()))).isEmpty();
        assertThat(log(b).stream().filter(l -> l.conversation().equals(settlement.toString()))).isEmpty();
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void badAmountsAndAWrongPeerAreRefusedAndChangeNothing() {
        ConversationId session = f.session(a, b);
        ModuleId c = f.signedOnModule();
        f.fund(a, 1000);
        f.fund(b, GBP, 1000);
        int sent = f.transport.sent.size();

        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, session, SettlementAmounts.none(), amounts(gbp(100)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends something");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(100)),
                SettlementAmounts.none())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends something");
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(100)), amounts(usd(90), gbp(5)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(usd(5)), amounts(usd(100)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> amounts(usd(100), usd(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two amounts");
        assertThatThrownBy(() -> amounts(usd(0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, c, amounts(gbp(100)), amounts(usd(100)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer");
        ConversationId unknown = ConversationId.random(f.security.random);
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, unknown, amounts(usd(100)), amounts(gbp(100)))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).isEmpty();
        assertThat(f.transport.sent).hasSize(sent);
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void aModuleInAPaymentExchangeOrSettlementIsRefused() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, GBP, 1000);

        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(100)), amounts(usd(100))));
        assertThat(f.security.tx(() -> f.custody.isBusy(b))).isTrue();
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(100)), amounts(gbp(100))));
        // A is in a settlement: no second one, no payment, no exchange, no agreement
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(50)), amounts(gbp(50)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, session, usd(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, session, usd(50), gbp(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(a, session, b, amounts(usd(50)), amounts(gbp(50)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.deliverNext();                        // A's amounts reach B: B is in the settlement too
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(b, session, amounts(gbp(50)), amounts(usd(50)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(b, session, gbp(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.pump();
        assertThat(view(a, settlement).outcome()).isEqualTo("RECEIVED");

        // B is in a payment: it cannot agree to a settlement, nor start one
        f.security.txRun(() -> f.payments.expect(a, session, b, gbp(30)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(b, session, gbp(30)));
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(10)), amounts(usd(10)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settle(b, session, amounts(gbp(10)), amounts(usd(10)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.pump();
        assertThat(f.security.tx(() -> f.payments.payment(b, payment)).orElseThrow().outcome()).isEqualTo("PAID");
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.settlement(b, payment)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a settlement");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(900), GBP, gbp(130)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(100), GBP, gbp(870)));
    }

    @Test
    void aSettlementThePeerDidNotAgreeToTimesOutAndChangesNoHolding() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, GBP, 1000);
        // one agreement at a time: a payment agreed to replaces the settlement's, and the other way round
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(100)), amounts(usd(100))));
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(100)));
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).isEmpty();
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(100)), amounts(usd(100))));
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).expectation(f.steps.now()))).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).fxExpectation(f.steps.now()))).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).settleFxExpectation(f.steps.now()))).contains(
                new MoneyModuleBook.SettleFxExpectation(session, a, amounts(gbp(100)), amounts(usd(100))));
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(50)));   // finally B agrees to a payment of 50

        ConversationId ignored = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(100)), amounts(gbp(100))));
        f.pump();
        assertThat(f.security.tx(() -> f.settlements.settlement(b, ignored))).isEmpty();
        assertThat(f.security.tx(() -> f.payments.payment(b, ignored))).isEmpty();
        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();
        assertThat(view(a, ignored)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
    }

    @Test
    void aSilentPeerMakesBothSidesAbortOnTimeoutWithTheirNotesKept() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(a, EUR, 300);
        f.fund(b, GBP, 1000);
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(700)), amounts(usd(600), eur(200))));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, amounts(usd(600), eur(200)), amounts(gbp(700))));
        f.deliverNext();                        // A's amounts reach B: B sends its amounts
        f.deliverNext();                        // B's amounts reach A: A sends its notes
        f.deliverNext();                        // A's notes reach B: B sends its notes
        assertThat(f.transport.queue.poll()).isNotNull();   // B's notes are lost: A hears nothing
        assertThat(f.transport.queue).isEmpty();

        f.security.clock.advance(Duration.ofSeconds(10));
        f.fireDueTimers();                      // not yet due
        assertThat(view(a, settlement).settled()).isFalse();
        assertThat(view(b, settlement).settled()).isFalse();

        f.security.clock.advance(Duration.ofSeconds(21));
        f.fireDueTimers();
        f.pump();

        assertThat(view(a, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(view(b, settlement)).extracting(SettleFxService.SettlementView::phase, SettleFxService.SettlementView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000), EUR, eur(300)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        assertThat(log(a)).anySatisfy(l -> {
            assertThat(l.is(Kind.ABORTED, Direction.SENT)).isTrue();
            assertThat(l.totals()).isEqualTo(Map.of(USD, usd(600), EUR, eur(200)));
        });
        assertThat(log(b)).anySatisfy(l -> {
            assertThat(l.is(Kind.ABORTED, Direction.SENT)).isTrue();
            assertThat(l.totals()).isEqualTo(Map.of(GBP, gbp(700)));
        });
        assertThat(log(a)).noneMatch(l -> l.kind().equals("FAILED_COMMIT") || l.kind().equals("UNCONDITIONAL"));
        assertThat(log(b)).noneMatch(l -> l.kind().equals("FAILED_COMMIT") || l.kind().equals("UNCONDITIONAL"));
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    /** Which side commits first: S(X) in a two-way settlement, or A in a one-way one. */
    enum Scenario { TWO_WAY_A_FIRST, TWO_WAY_B_FIRST, ONE_WAY }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void anAbortAfterTheFirstCommitLeavesAFailedCommitRecordOfExactlyTheLostAmount(Scenario scenario) {
        ConversationId session = scenario == Scenario.ONE_WAY ? f.session(a, b)
                : sessionWhereFirstIs(scenario == Scenario.TWO_WAY_A_FIRST ? Side.A : Side.B);
        f.fund(a, 1000);
        f.fund(a, EUR, 500);
        f.fund(b, GBP, 1000);
        SettlementAmounts aSends = amounts(usd(600), eur(250));
        SettlementAmounts bSends = scenario == Scenario.ONE_WAY ? SettlementAmounts.none() : amounts(gbp(700));
        f.security.txRun(() -> f.settlements.expect(b, session, a, bSends, aSends));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, aSends, bSends));
        ModuleId committer = scenario == Scenario.TWO_WAY_B_FIRST ? b : a;
        ModuleId other = committer.equals(a) ? b : a;
        Map<CurrencyCode, Money> lost = committer.equals(a) ? Map.of(USD, usd(600), EUR, eur(250)) : Map.of(GBP, gbp(700));

        while (log(committer).stream().noneMatch(l -> l.kind().equals("UNCONDITIONAL"))) {
            assertThat(f.deliverNext()).isTrue();
        }
        NetworkMessage dropped = f.transport.queue.poll();   // the message after S(X)'s commit is lost
        assertThat(dropped).isNotNull();
        assertThat(f.transport.queue).isEmpty();

        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();

        assertThat(view(other, settlement).phase()).isEqualTo("FAILED_COMMIT");
        assertThat(log(committer)).anySatisfy(l -> {
            assertThat(l.is(Kind.UNCONDITIONAL, Direction.SENT)).isTrue();
            assertThat(l.totals()).isEqualTo(lost);
        });
        assertThat(log(other)).anySatisfy(l -> {
            assertThat(l.is(Kind.FAILED_COMMIT, Direction.RECEIVED)).isTrue();
            assertThat(l.totals()).isEqualTo(lost);
        });
        assertThat(log(other)).noneMatch(l -> l.kind().equals("UNCONDITIONAL"));
        // per currency: held + claimable = funded, and the claimable record is exactly what was lost
        assertThat(held(USD) + claimable(settlement, USD)).isEqualTo(1000);
        assertThat(held(EUR) + claimable(settlement, EUR)).isEqualTo(500);
        assertThat(held(GBP) + claimable(settlement, GBP)).isEqualTo(1000);
        for (CurrencyCode currency : List.of(USD, EUR, GBP)) {
            assertThat(claimable(settlement, currency)).isEqualTo(lost.getOrDefault(currency, Money.zero(currency)).amountMinor());
        }
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void redeliveredFramesChangeNothing() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(a, EUR, 400);
        f.fund(b, GBP, 1000);
        SettlementAmounts aSends = amounts(usd(300), eur(150));
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(gbp(250)), aSends));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, aSends, amounts(gbp(250))));
        f.pump();
        List<NetworkMessage> everything = List.copyOf(f.transport.sent);
        int sentBefore = f.transport.sent.size();
        var logA = log(a);
        var logB = log(b);
        var viewA = view(a, settlement);
        var viewB = view(b, settlement);
        assertThat(viewA.outcome()).isEqualTo("RECEIVED");

        for (NetworkMessage message : everything) {
            f.security.txRun(() -> f.dispatcher.deliver(message));
        }

        assertThat(f.transport.sent).hasSize(sentBefore);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(700), EUR, eur(250), GBP, gbp(250)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(300), EUR, eur(150), GBP, gbp(750)));
        assertThat(log(a)).isEqualTo(logA);
        assertThat(log(b)).isEqualTo(logB);
        assertThat(view(a, settlement)).isEqualTo(viewA);
        assertThat(view(b, settlement)).isEqualTo(viewB);
    }

    @Test
    void eachCurrencyIsConservedOverSeveralSettlementsInBothCommitOrdersAndOneWay() {
        f.fund(a, 1000, 200);
        f.fund(a, EUR, 50, 400);
        f.fund(b, GBP, 2000);
        f.fund(b, 75);
        for (Side first : Side.values()) {
            ConversationId session = sessionWhereFirstIs(first);
            settle(session, a, b, amounts(usd(700), eur(120)), amounts(gbp(640)));
            assertConserved();
            settle(session, b, a, amounts(usd(320), eur(100)), amounts(gbp(300)));   // b sends partly what it just received
            assertConserved();
            settle(session, a, b, amounts(gbp(5)), SettlementAmounts.none());
            assertConserved();
        }
        // per round a sends 700 - 320 = 380 dollars, 120 - 100 = 20 euros, and takes 640 - 300 - 5 = 335 pounds
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1200 - 2 * 380), EUR, eur(450 - 2 * 20), GBP, gbp(2 * 335)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(75 + 2 * 380), EUR, eur(2 * 20), GBP, gbp(2000 - 2 * 335)));
    }

    // ---- helpers ----

    /** {@code starter} sends {@code give} for {@code take}, agreed first by the other module, and both settle. */
    private void settle(ConversationId session, ModuleId starter, ModuleId responder, SettlementAmounts give, SettlementAmounts take) {
        f.security.txRun(() -> f.settlements.expect(responder, session, starter, take, give));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(starter, session, give, take));
        f.pump();
        assertThat(view(starter, settlement).outcome()).isEqualTo(take.isEmpty() ? "PAID" : "RECEIVED");
        assertThat(view(responder, settlement).outcome()).isEqualTo("RECEIVED");
    }

    private void assertConserved() {
        assertThat(held(USD)).isEqualTo(1275);
        assertThat(held(EUR)).isEqualTo(450);
        assertThat(held(GBP)).isEqualTo(2000);
    }

    /** A new session from a to b whose R(A) XOR R(B) makes {@code first} S(X) for a settlement a starts. */
    private ConversationId sessionWhereFirstIs(Side first) {
        for (int i = 0; i < MAX_SESSION_TRIES; i++) {
            ConversationId session = f.session(a, b);
            if (f.security.tx(() -> FxSteps.firstTransferor(f.steps.establishedSession(new ModuleAddress(a), session))) == first) {
                return session;
            }
        }
        throw new AssertionError("no session with S(X) = " + first + " in " + MAX_SESSION_TRIES + " tries");
    }

    /** Delivers every queued message, noting after each step the commits (UNCONDITIONAL entries) it added, in log order. */
    private List<String> deliverRecordingCommits() {
        List<String> commits = new ArrayList<>();
        int seenA = 0;
        int seenB = 0;
        while (f.deliverNext()) {
            List<SettleFxService.LogLine> logA = log(a);
            List<SettleFxService.LogLine> logB = log(b);
            logA.subList(seenA, logA.size()).stream().filter(l -> l.kind().equals("UNCONDITIONAL"))
                    .forEach(l -> commits.add("A " + l.direction() + " " + total(l)));
            logB.subList(seenB, logB.size()).stream().filter(l -> l.kind().equals("UNCONDITIONAL"))
                    .forEach(l -> commits.add("B " + l.direction() + " " + total(l)));
            seenA = logA.size();
            seenB = logB.size();
        }
        return commits;
    }

    private static String total(SettleFxService.LogLine line) {
        return line.totals().entrySet().stream().sorted(Map.Entry.comparingByKey((x, y) -> x.code().compareTo(y.code())))
                .map(e -> e.getValue().toString()).collect(Collectors.joining(" + "));
    }

    /** What the two modules hold of {@code currency}, in minor units. */
    private long held(CurrencyCode currency) {
        return f.security.tx(() -> f.payments.balance(a, currency).amountMinor() + f.payments.balance(b, currency).amountMinor());
    }

    /** Failed commits of {@code settlement} in {@code currency} whose transferor committed the transfer (what a claim recovers). */
    private long claimable(ConversationId settlement, CurrencyCode currency) {
        long sum = 0;
        for (ModuleId receiver : List.of(a, b)) {
            ModuleId sender = receiver.equals(a) ? b : a;
            boolean senderCommitted = log(sender).stream()
                    .anyMatch(l -> l.is(Kind.UNCONDITIONAL, Direction.SENT) && l.conversation().equals(settlement.toString()));
            for (SettleFxService.LogLine l : log(receiver)) {
                if (senderCommitted && l.is(Kind.FAILED_COMMIT, Direction.RECEIVED) && l.conversation().equals(settlement.toString())) {
                    sum += l.totals().getOrDefault(currency, Money.zero(currency)).amountMinor();
                }
            }
        }
        return sum;
    }

    private boolean busy(ModuleId module) {
        return f.security.tx(() -> f.custody.isBusy(module));
    }

    private Map<CurrencyCode, Money> balances(ModuleId module) {
        return f.security.tx(() -> f.exchanges.balances(module));
    }

    private List<SettleFxService.LogLine> log(ModuleId module) {
        return f.security.tx(() -> f.settlements.log(module));
    }

    private SettleFxService.SettlementView view(ModuleId module, ConversationId settlement) {
        return f.security.tx(() -> f.settlements.settlement(module, settlement)).orElseThrow();
    }

    private static SettlementAmounts amounts(Money... amounts) {
        return SettlementAmounts.ofCurrency(amounts);
    }

    private static Money eur(long cents) {
        return Money.of(EUR, cents);
    }

    private static Money gbp(long pence) {
        return Money.of(GBP, pence);
    }
}
