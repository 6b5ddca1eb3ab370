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
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.protocol.FxCommitOrder.Side;
import org.ems.money.protocol.LogEntry.Direction;
import org.ems.money.protocol.LogEntry.Kind;
import org.ems.money.protocol.PaymentOutcome;
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
 * Foreign exchange (figure 9) between two hosted transaction modules inside their established
 * session, one JTA transaction per party step (Hibernate + Derby XA + Narayana): both amounts
 * move exactly and each transfer commits in the order S(X) of the session's R(A) XOR R(B),
 * refusals change nothing, a silent peer aborts the exchange with the notes kept, an abort after
 * the first commit leaves a failed-commit record for what was lost, redelivered frames change
 * nothing, and each currency is conserved.
 */
class FxServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final int MAX_SESSION_TRIES = 40;

    private PaymentFixture f;
    private ModuleId a;
    private ModuleId b;

    @BeforeEach
    void start() {
        f = new PaymentFixture("fx" + RUN.incrementAndGet());
        a = f.signedOnModule();
        b = f.signedOnModule();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aFullExchangeMovesExactlyBothAmountsAndCommitsEachTransferInTheOrderSX(Side first) {
        ConversationId session = sessionWhereFirstIs(first);
        f.fund(a, 1000, 500);
        f.fund(b, EUR, 2000);

        List<PaymentSettled> settled = new ArrayList<>();
        f.settled.observe(settled::add);

        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(900), usd(1200)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(1200), eur(900)));
        List<String> commits = deliverRecordingCommits();

        // S(X)'s transfer commits first; for each transfer the transferor commits before the transferee
        List<String> expected = first == Side.A
                ? List.of("A UNCONDITIONAL SENT USD 12.00", "B UNCONDITIONAL SENT EUR 9.00", "B UNCONDITIONAL RECEIVED USD 12.00",
                        "A UNCONDITIONAL RECEIVED EUR 9.00")
                : List.of("B UNCONDITIONAL SENT EUR 9.00", "A UNCONDITIONAL SENT USD 12.00", "A UNCONDITIONAL RECEIVED EUR 9.00",
                        "B UNCONDITIONAL RECEIVED USD 12.00");
        assertThat(commits).isEqualTo(expected);

        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300), EUR, eur(900)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(1200), EUR, eur(1100)));
        assertThat(view(a, exchange)).isEqualTo(new FxService.ExchangeView("A", "COMMITTED", true, "RECEIVED", first.name(),
                usd(1200), eur(900)));
        assertThat(view(b, exchange)).isEqualTo(new FxService.ExchangeView("B", "COMMITTED", true, "RECEIVED", first.name(),
                eur(900), usd(1200)));
        assertThat(settled).containsExactlyInAnyOrder(
                new PaymentSettled(a, exchange, Protocol.FX, Optional.of(PaymentOutcome.RECEIVED)),
                new PaymentSettled(b, exchange, Protocol.FX, Optional.of(PaymentOutcome.RECEIVED)));

        // both free again: a second exchange in the same session, started by the other module, undoes the first
        f.security.txRun(() -> f.exchanges.expect(a, session, b, eur(900), usd(1200)));
        ConversationId back = f.security.tx(() -> f.exchanges.exchange(b, session, usd(1200), eur(900)));
        f.pump();
        assertThat(view(b, back).outcome()).isEqualTo("RECEIVED");
        assertThat(view(a, back).role()).isEqualTo("B");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1500)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(2000)));
    }

    @Test
    void bothModulesFindTheSameCommitOrderFromTheirSession() {
        for (int i = 0; i < 4; i++) {
            ConversationId session = f.session(a, b);
            Side atA = f.security.tx(() -> FxSteps.firstTransferor(f.steps.establishedSession(new ModuleAddress(a), session)));
            Side atB = f.security.tx(() -> FxSteps.firstTransferor(f.steps.establishedSession(new ModuleAddress(b), session)));
            assertThat(atB).isEqualTo(atA);
        }
    }

    @Test
    void insufficientFundsAreRefusedAndChangeNothing() {
        ConversationId session = f.session(a, b);
        f.fund(a, 300);
        f.fund(b, EUR, 400);
        int sent = f.transport.sent.size();

        // B cannot give what it does not hold: no agreement is stored
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(401), usd(300))))
                .isInstanceOf(InsufficientFundsException.class);
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).fxExpectation(f.steps.now()))).isEmpty();

        // A cannot give what it does not hold: nothing logged, nothing sent, A not busy
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(400), usd(500)));
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, session, usd(500), eur(400))))
                .isInstanceOf(InsufficientFundsException.class);

        assertThat(f.transport.sent).hasSize(sent);
        assertThat(f.transport.queue).isEmpty();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(400)));
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(a).activePayment())).isEmpty();

        // a smaller exchange still runs
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(400), usd(300)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(300), eur(400)));
        f.pump();
        assertThat(view(a, exchange).outcome()).isEqualTo("RECEIVED");
        assertThat(balances(a)).isEqualTo(Map.of(EUR, eur(400)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(300)));
    }

    @Test
    void aResponderShortOfFundsWhenTheNotesArriveCancelsTheExchangeAndNothingMoves() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(900), usd(800)));
        // before A starts, B pays 500 of its euros away: it agreed to give more than it now holds
        f.security.txRun(() -> f.payments.expect(a, session, b, eur(500)));
        f.security.tx(() -> f.payments.pay(b, session, eur(500)));
        f.pump();
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(500)));

        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(800), eur(900)));
        f.pump();

        assertThat(view(b, exchange)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "INSUFFICIENT_FUNDS");
        assertThat(view(a, exchange)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "ABORTED_BY_PEER");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000), EUR, eur(500)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(500)));
        assertThat(log(b)).anySatisfy(l -> {
            assertThat(l.is(Kind.ABORTED, Direction.RECEIVED)).isTrue();
            assertThat(l.total()).contains(usd(800));
        });
        assertThat(f.security.tx(() -> f.steps.bookRecord(a).activePayment())).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).activePayment())).isEmpty();
    }

    @Test
    void badAmountsAndAWrongPeerAreRefusedAndChangeNothing() {
        ConversationId session = f.session(a, b);
        ModuleId c = f.signedOnModule();
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        int sent = f.transport.sent.size();

        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(b, session, a, usd(100), usd(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two currencies");
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, session, usd(100), usd(90))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two currencies");
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(0), usd(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, session, usd(100), eur(-5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(b, session, c, eur(100), usd(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer");
        ConversationId unknown = ConversationId.random(f.security.random);
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, unknown, usd(100), eur(100))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(f.security.tx(() -> f.steps.bookRecord(b).fxExpectation(f.steps.now()))).isEmpty();
        assertThat(f.transport.sent).hasSize(sent);
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(1000)));
    }

    @Test
    void aModuleInAPaymentOrExchangeIsRefused() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);

        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(100), usd(100)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(100), eur(100)));
        // A is in an exchange: no second exchange, no payment, no agreement
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(a, session, usd(50), eur(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, session, usd(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(a, session, b, usd(50), eur(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.deliverNext();                        // A's notes reach B: B is in the exchange too
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(b, session, eur(50), usd(50))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.pump();
        assertThat(view(a, exchange).outcome()).isEqualTo("RECEIVED");

        // B is in a payment: it cannot agree to an exchange, nor start one
        f.security.txRun(() -> f.payments.expect(a, session, b, eur(30)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(b, session, eur(30)));
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(10), usd(10))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(b, session, eur(10), usd(10))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
        f.pump();
        assertThat(f.security.tx(() -> f.payments.payment(b, payment)).orElseThrow().outcome()).isEqualTo("PAID");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(900), EUR, eur(130)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(100), EUR, eur(870)));
    }

    @Test
    void anExchangeThePeerDidNotAgreeToAbortsAndChangesNoHolding() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        // one agreement at a time: an exchange replaces a payment agreed to, and the other way round
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(100), usd(100)));
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(100)));
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).fxExpectation(f.steps.now()))).isEmpty();
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(100), usd(100)));
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).expectation(f.steps.now()))).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).fxExpectation(f.steps.now()))).contains(
                new MoneyModuleBook.FxExpectation(session, a, eur(100), usd(100)));
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(50)));   // finally B agrees to a payment of 50

        // A's exchange notes reach a payee that expects 50: it rejects them and A aborts, keeping its notes
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(100), eur(100)));
        f.pump();
        assertThat(view(a, exchange)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "NOTES_REJECTED");
        assertThat(f.security.tx(() -> f.payments.payment(b, exchange)).orElseThrow().outcome()).isEqualTo("NOTES_REJECTED");
        assertThatThrownBy(() -> f.security.tx(() -> f.exchanges.exchange(b, exchange)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an exchange");

        // B agrees to nothing now: the notes of the next exchange are ignored, and A times out
        ConversationId ignored = f.security.tx(() -> f.exchanges.exchange(a, session, usd(100), eur(100)));
        f.pump();
        assertThat(f.security.tx(() -> f.exchanges.exchange(b, ignored))).isEmpty();
        assertThat(f.security.tx(() -> f.payments.payment(b, ignored))).isEmpty();
        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();
        assertThat(view(a, ignored)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(1000)));
        assertThat(log(a)).noneMatch(l -> l.kind().equals("UNCONDITIONAL"));
        assertThat(log(b)).noneMatch(l -> l.kind().equals("UNCONDITIONAL"));
    }

    @Test
    void aSilentPeerMakesBothSidesAbortOnTimeoutWithTheirNotesKept() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(700), usd(600)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(600), eur(700)));
        f.deliverNext();                        // A's notes reach B: B sends its notes
        f.transport.queue.poll();               // B's notes are lost: A hears nothing

        f.security.clock.advance(Duration.ofSeconds(10));
        f.fireDueTimers();                      // not yet due
        assertThat(view(a, exchange).settled()).isFalse();
        assertThat(view(b, exchange).settled()).isFalse();

        f.security.clock.advance(Duration.ofSeconds(21));
        f.fireDueTimers();
        f.pump();

        assertThat(view(a, exchange)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(view(b, exchange)).extracting(FxService.ExchangeView::phase, FxService.ExchangeView::outcome)
                .containsExactly("ABORTED", "TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(1000)));
        assertThat(log(a)).anySatisfy(l -> {
            assertThat(l.is(Kind.ABORTED, Direction.SENT)).isTrue();
            assertThat(l.total()).contains(usd(600));
        });
        assertThat(log(b)).anySatisfy(l -> {
            assertThat(l.is(Kind.ABORTED, Direction.SENT)).isTrue();
            assertThat(l.total()).contains(eur(700));
        });
        assertThat(log(a)).noneMatch(l -> l.is(Kind.FAILED_COMMIT, Direction.RECEIVED) || l.kind().equals("UNCONDITIONAL"));
        assertThat(log(b)).noneMatch(l -> l.is(Kind.FAILED_COMMIT, Direction.RECEIVED) || l.kind().equals("UNCONDITIONAL"));
        assertThat(f.security.tx(() -> f.steps.bookRecord(a).activePayment())).isEmpty();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).activePayment())).isEmpty();

        // the notes still exchange, in a new session (the lost frame ended this one)
        ConversationId fresh = f.session(a, b);
        f.security.txRun(() -> f.exchanges.expect(b, fresh, a, eur(700), usd(600)));
        ConversationId again = f.security.tx(() -> f.exchanges.exchange(a, fresh, usd(600), eur(700)));
        f.pump();
        assertThat(view(a, again).outcome()).isEqualTo("RECEIVED");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(400), EUR, eur(700)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(600), EUR, eur(300)));
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAbortAfterTheFirstCommitLeavesAFailedCommitRecordForWhatWasLost(Side first) {
        ConversationId session = sessionWhereFirstIs(first);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(700), usd(600)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(600), eur(700)));
        ModuleId committer = first == Side.A ? a : b;
        ModuleId other = first == Side.A ? b : a;
        Money lost = first == Side.A ? usd(600) : eur(700);

        while (log(committer).stream().noneMatch(l -> l.kind().equals("UNCONDITIONAL"))) {
            assertThat(f.deliverNext()).isTrue();
        }
        NetworkMessage dropped = f.transport.queue.poll();   // the Ready-to-Commit after S(X)'s commit is lost
        assertThat(dropped).isNotNull();
        assertThat(f.transport.queue).isEmpty();

        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();

        assertThat(view(committer, exchange).phase()).isEqualTo("FAILED_COMMIT");   // it had passed the first commit on
        assertThat(view(other, exchange).phase()).isEqualTo("FAILED_COMMIT");       // it had sent Log Updated / Start Commit
        // S(X) gave its notes for good; the other side holds a claimable record of exactly that amount
        assertThat(log(committer)).anySatisfy(l -> {
            assertThat(l.is(Kind.UNCONDITIONAL, Direction.SENT)).isTrue();
            assertThat(l.total()).contains(lost);
        });
        assertThat(log(other)).anySatisfy(l -> {
            assertThat(l.is(Kind.FAILED_COMMIT, Direction.RECEIVED)).isTrue();
            assertThat(l.total()).contains(lost);
        });
        assertThat(log(other)).anySatisfy(l -> assertThat(l.is(Kind.ABORTED, Direction.SENT)).isTrue());
        assertThat(log(other)).noneMatch(l -> l.kind().equals("UNCONDITIONAL"));
        // per currency: held + claimable = funded
        assertThat(held(USD) + claimable(exchange, USD)).isEqualTo(1000);
        assertThat(held(EUR) + claimable(exchange, EUR)).isEqualTo(1000);
        assertThat(claimable(exchange, lost.currency())).isEqualTo(lost.amountMinor());
        assertThat(balances(other)).doesNotContainKey(lost.currency());
    }

    @Test
    void redeliveredFramesChangeNothing() {
        ConversationId session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        f.security.txRun(() -> f.exchanges.expect(b, session, a, eur(250), usd(300)));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(a, session, usd(300), eur(250)));
        f.pump();
        List<NetworkMessage> everything = List.copyOf(f.transport.sent);
        int sentBefore = f.transport.sent.size();
        var logA = log(a);
        var logB = log(b);
        var viewA = view(a, exchange);
        var viewB = view(b, exchange);

        for (NetworkMessage message : everything) {
            f.security.txRun(() -> f.dispatcher.deliver(message));
        }

        assertThat(f.transport.sent).hasSize(sentBefore);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(700), EUR, eur(250)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(300), EUR, eur(750)));
        assertThat(log(a)).isEqualTo(logA);
        assertThat(log(b)).isEqualTo(logB);
        assertThat(view(a, exchange)).isEqualTo(viewA);
        assertThat(view(b, exchange)).isEqualTo(viewB);
    }

    @Test
    void eachCurrencyIsConservedOverSeveralExchangesInBothCommitOrders() {
        f.fund(a, 1000, 200);
        f.fund(a, EUR, 50);
        f.fund(b, EUR, 2000);
        f.fund(b, 75);
        for (Side first : Side.values()) {
            ConversationId session = sessionWhereFirstIs(first);
            exchangeAndSettle(session, a, b, usd(700), eur(640));
            assertConserved();
            exchangeAndSettle(session, b, a, usd(320), eur(300));      // b gives partly the dollars it just received
            assertConserved();
            exchangeAndSettle(session, a, b, eur(5), usd(6));
            assertConserved();
        }
        // per round a gives 700 - 320 - 6 = 374 dollars and takes 640 - 300 - 5 = 335 euros
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1200 - 2 * 374), EUR, eur(50 + 2 * 335)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(75 + 2 * 374), EUR, eur(2000 - 2 * 335)));
    }

    // ---- helpers ----

    /** {@code starter} gives {@code give} for {@code take} from the other module, agreed first, and both settle RECEIVED. */
    private void exchangeAndSettle(ConversationId session, ModuleId starter, ModuleId responder, Money give, Money take) {
        f.security.txRun(() -> f.exchanges.expect(responder, session, starter, take, give));
        ConversationId exchange = f.security.tx(() -> f.exchanges.exchange(starter, session, give, take));
        f.pump();
        assertThat(view(starter, exchange).outcome()).isEqualTo("RECEIVED");
        assertThat(view(responder, exchange).outcome()).isEqualTo("RECEIVED");
    }

    private void assertConserved() {
        assertThat(held(USD)).isEqualTo(1275);
        assertThat(held(EUR)).isEqualTo(2050);
    }

    /** A new session from a to b whose R(A) XOR R(B) makes {@code first} S(X) for an exchange a starts. */
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
            List<FxService.LogLine> logA = log(a);
            List<FxService.LogLine> logB = log(b);
            logA.subList(seenA, logA.size()).stream().filter(l -> l.kind().equals("UNCONDITIONAL"))
                    .forEach(l -> commits.add("A " + l.kind() + " " + l.direction() + " " + l.total().orElseThrow()));
            logB.subList(seenB, logB.size()).stream().filter(l -> l.kind().equals("UNCONDITIONAL"))
                    .forEach(l -> commits.add("B " + l.kind() + " " + l.direction() + " " + l.total().orElseThrow()));
            seenA = logA.size();
            seenB = logB.size();
        }
        return commits;
    }

    /** What the two modules hold of {@code currency}, in minor units. */
    private long held(CurrencyCode currency) {
        return f.security.tx(() -> f.payments.balance(a, currency).amountMinor() + f.payments.balance(b, currency).amountMinor());
    }

    /** Failed commits of {@code exchange} in {@code currency} whose transferor committed the transfer (what a claim recovers). */
    private long claimable(ConversationId exchange, CurrencyCode currency) {
        long sum = 0;
        for (ModuleId receiver : List.of(a, b)) {
            ModuleId sender = receiver.equals(a) ? b : a;
            boolean senderCommitted = log(sender).stream()
                    .anyMatch(l -> l.is(Kind.UNCONDITIONAL, Direction.SENT) && l.conversation().equals(exchange.toString()));
            for (FxService.LogLine l : log(receiver)) {
                if (senderCommitted && l.is(Kind.FAILED_COMMIT, Direction.RECEIVED) && l.conversation().equals(exchange.toString())
                        && l.total().map(Money::currency).equals(Optional.of(currency))) {
                    sum += l.total().orElseThrow().amountMinor();
                }
            }
        }
        return sum;
    }

    private Map<CurrencyCode, Money> balances(ModuleId module) {
        return f.security.tx(() -> f.exchanges.balances(module));
    }

    private List<FxService.LogLine> log(ModuleId module) {
        return f.security.tx(() -> f.exchanges.log(module));
    }

    private FxService.ExchangeView view(ModuleId module, ConversationId exchange) {
        return f.security.tx(() -> f.exchanges.exchange(module, exchange)).orElseThrow();
    }

    private static Money eur(long cents) {
        return Money.of(EUR, cents);
    }
}
