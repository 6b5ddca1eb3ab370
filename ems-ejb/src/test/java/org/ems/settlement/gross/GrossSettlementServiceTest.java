package org.ems.settlement.gross;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.application.PaymentFixture.USD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.money.application.PaymentFixture;
import org.ems.money.application.PaymentSettled;
import org.ems.money.application.SettleFxService;
import org.ems.money.application.SettleFxTesting;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.FxCommitOrder;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.money.teller.ConservationProbe;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Netting;
import org.ems.settlement.domain.PaymentLegs;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.PairTerms;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.settlement.gross.domain.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gross and bilateral settlement between two CSAs (figure 28) in the JTA harness (Hibernate +
 * Derby XA + Narayana), one transaction per protocol step: at the settlement time both CSAs
 * ready -> Settle Foreign Exchange in either commit order moves exactly the amounts and both
 * counterparties are told SUCCESS; a CSA not ready (short of one currency, busy, session gone) ->
 * both told FAILED, nothing moves; a Settle FX that times out or is cut after the first commit ->
 * FAILED, with a failed-commit record of exactly what was lost, each currency conserved;
 * resubmitted instructions, repeated timer calls and replayed outcomes change nothing; bad
 * instructions are refused with nothing stored; a busy CSA makes an instruction wait (a pair's
 * gross instructions settle one after another) for at most {@code BUSY_WAIT}.
 */
class GrossSettlementServiceTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final CurrencyCode GBP = CurrencyCode.of("GBP");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final int MAX_SESSION_TRIES = 40;
    private static final Duration AHEAD = Duration.ofMinutes(5);

    private GrossFixture f;
    private ModuleId a;
    private ModuleId b;

    @BeforeEach
    void start() {
        f = new GrossFixture("gross" + RUN.incrementAndGet());
        a = f.pay.signedOnModule();
        b = f.pay.signedOnModule();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(FxCommitOrder.Side.class)
    void bothReadyAtTheSettlementTimeSettlesExactlyTheAmountsInEitherCommitOrderAndTellsBothSuccess(FxCommitOrder.Side first) {
        ConversationId session = sessionWhereFirstIs(first);
        f.pay.fund(a, 1000, 500);
        f.pay.fund(a, EUR, 800);
        f.pay.fund(b, GBP, 2000, 300);
        SettlementInstruction instruction = instruction("T-1", session, amounts(usd(1200), eur(500)), amounts(gbp(2100)));

        InstructionView submitted = f.submit(instruction);
        assertThat(submitted.phase()).isEqualTo(InstructionPhase.PENDING);
        assertThat(f.scheduled).containsExactly(new GrossFixture.Scheduled(instruction.id(), instruction.settleAt()));
        // before the settlement time nothing can start it
        assertThatThrownBy(() -> f.settleAtTime(instruction.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("settles at");
        assertThat(f.view(instruction.id()).phase()).isEqualTo(InstructionPhase.PENDING);
        assertThat(f.pay.transport.queue).isEmpty();

        f.pay.security.clock.advance(AHEAD);
        InstructionView settling = f.settleAtTime(instruction.id());
        assertThat(settling.phase()).isEqualTo(InstructionPhase.SETTLING);
        ConversationId settlement = settling.settlement().orElseThrow();
        assertThat(f.notifications).isEmpty();
        f.pay.pump();

        InstructionView done = f.view(instruction.id());
        assertThat(done.phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(done.notifiedA()).contains(Notification.SUCCESS);
        assertThat(done.notifiedB()).contains(Notification.SUCCESS);
        assertThat(done.reasonA()).contains("Settle FX RECEIVED");
        assertThat(done.finishedAt()).isPresent();
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300), EUR, eur(300), GBP, gbp(2100)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(1200), EUR, eur(500), GBP, gbp(200)));
        assertThat(view(a, settlement).firstTransferor()).isEqualTo(first.name());
        assertThat(f.notifications).hasSize(2).allSatisfy(n -> {
            assertThat(n.instruction()).isEqualTo(instruction.id());
            assertThat(n.notification()).isEqualTo(Notification.SUCCESS);
        });
        assertThat(f.notifications).extracting(GrossSettlementNotified::side, GrossSettlementNotified::module)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Side.A, a), org.assertj.core.groups.Tuple.tuple(Side.B, b));
        assertThat(f.notifications.get(1).phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertBothFree();
    }

    @Test
    void aBilateralInstructionFromNetPositionsSettlesThePatentsNetAmounts() {
        // figure 23's trades: A and B net to "A pays B USD 4, B pays A JPY 400"
        List<Trade> trades = List.of("EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD", "EMS-TRADE/1 2 2026-12-01 A B 500 USD 500 JPY",
                "EMS-TRADE/1 3 2026-12-01 B C 600 USD 600 JPY", "EMS-TRADE/1 4 2026-12-01 A B 900 JPY 900 USD")
                .stream().map(Trade::decode).toList();
        CounterpartyId cpA = new CounterpartyId("A");
        CounterpartyId cpB = new CounterpartyId("B");
        var positions = Netting.net(PaymentLegs.of(List.of(cpA, cpB, new CounterpartyId("C")), trades));
        PairTerms terms = PairTerms.bilateral(positions, cpA, cpB).orElseThrow();
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, JPY, 1000);
        SettlementInstruction instruction = new SettlementInstruction(new InstructionId("pair-A-B-2026-12-01"), SettlementBasis.BILATERAL,
                a, b, session, terms.aSends(), terms.bSends(), f.pay.security.clock.instant().plus(AHEAD));

        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        f.settleAtTime(instruction.id());
        f.pay.pump();

        assertThat(f.view(instruction.id()).phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(600), JPY, Money.of(JPY, 400)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(400), JPY, Money.of(JPY, 600)));
    }

    @Test
    void anInstructionWhereOnlyBSendsIsStartedByB() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(b, GBP, 900);
        SettlementInstruction instruction = instruction("one-way", session, SettlementAmounts.none(), amounts(gbp(700)));

        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        ConversationId settlement = f.settleAtTime(instruction.id()).settlement().orElseThrow();
        f.pay.pump();

        assertThat(view(b, settlement).role()).isEqualTo("A");    // B is the protocol's initiator
        assertThat(view(b, settlement).outcome()).isEqualTo("PAID");
        assertThat(view(a, settlement).outcome()).isEqualTo("RECEIVED");
        assertThat(f.view(instruction.id()).phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(balances(a)).isEqualTo(Map.of(GBP, gbp(700)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(200)));
    }

    @Test
    void aCsaShortOfOneCurrencyIsNotReadyBothAreToldFailedAndNothingMoves() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(a, EUR, 499);                 // one cent short of euros
        f.pay.fund(b, GBP, 2000);
        SettlementInstruction instruction = instruction("short", session, amounts(usd(800), eur(500)), amounts(gbp(2000)));
        f.submit(instruction);
        int sent = f.pay.transport.sent.size();

        f.pay.security.clock.advance(AHEAD);
        InstructionView failed = f.settleAtTime(instruction.id());

        assertFailedAndBothTold(failed);        assertThat(failed.settlement()).isEmpty();
        assertThat(failed.reasonA().orElseThrow()).startsWith("not ready").contains("EUR 4.99").contains("EUR 5.00");
        assertThat(failed.reasonB().orElseThrow()).startsWith("counterparty's CSA not ready");
        assertThat(f.notifications).extracting(GrossSettlementNotified::side, GrossSettlementNotified::notification)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.A, Notification.FAILED),
                        org.assertj.core.groups.Tuple.tuple(Side.B, Notification.FAILED));
        assertNothingMoved(sent, Map.of(USD, usd(1000), EUR, eur(499)), Map.of(GBP, gbp(2000)));
        assertBothFree();
    }

    @Test
    void aCsaBusyPastTheWaitIsNotReady() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 2000);
        SettlementInstruction busy = instruction("busy", session, amounts(usd(100)), amounts(gbp(100)));
        f.submit(busy);
        int sent = f.pay.transport.sent.size();
        f.pay.security.clock.advance(AHEAD);
        // B agreed to a payment from A that has not started (an agreement counts for the reply timeout): busy at the settlement time
        f.pay.security.txRun(() -> f.pay.payments.expect(b, session, a, usd(50)));

        InstructionView waiting = f.settleAtTime(busy.id());
        assertThat(waiting.phase()).isEqualTo(InstructionPhase.PENDING);
        assertThat(f.scheduled).containsExactly(new GrossFixture.Scheduled(busy.id(), busy.settleAt()),
                new GrossFixture.Scheduled(busy.id(), busy.settleAt().plus(GrossSettlementService.BUSY_WAIT)));
        assertThat(f.settleAtTime(busy.id())).isEqualTo(waiting);             // the timer again: still waiting, no new timer
        assertThat(f.scheduled).hasSize(2);
        assertThat(f.notifications).isEmpty();

        f.pay.security.clock.advance(GrossSettlementService.BUSY_WAIT);
        f.pay.security.txRun(() -> f.pay.payments.expect(b, session, a, usd(60)));   // busy again, in a fresh agreement
        InstructionView failed = f.settleAtTime(busy.id());

        assertThat(failed.phase()).isEqualTo(InstructionPhase.FAILED);
        assertThat(failed.reasonB().orElseThrow()).isEqualTo("not ready: busy in a payment, exchange or settlement");
        assertThat(failed.reasonA().orElseThrow()).startsWith("counterparty's CSA not ready");
        assertNothingMoved(sent, Map.of(USD, usd(1000)), Map.of(GBP, gbp(2000)));
    }

    @Test
    void anInstructionWaitsForABusyCsaAndSettlesWhenItsPaymentEnds() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 2000);
        SettlementInstruction instruction = instruction("after-payment", session, amounts(usd(100)), amounts(gbp(100)));
        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        f.pay.security.txRun(() -> f.pay.payments.expect(b, session, a, usd(50)));
        assertThat(f.settleAtTime(instruction.id()).phase()).isEqualTo(InstructionPhase.PENDING);

        f.pay.security.tx(() -> f.pay.payments.pay(a, session, usd(50)));
        f.pay.pump();                           // the payment ends, the instruction is decided, and settles

        InstructionView done = f.view(instruction.id());
        assertThat(done.phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(850), GBP, gbp(100)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(150), GBP, gbp(1900)));
        // the deadline's timer finds it decided
        f.pay.security.clock.advance(GrossSettlementService.BUSY_WAIT);
        assertThat(f.settleAtTime(instruction.id())).isEqualTo(done);
    }

    @Test
    void grossInstructionsOfOnePairAtOneTimeSettleOneAfterTheOther() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000, 1000, 1000);
        f.pay.fund(b, EUR, 3000);
        List<SettlementInstruction> trades = List.of(
                instruction("trade-1", session, amounts(usd(1000)), amounts(eur(900))),
                instruction("trade-2", session, amounts(usd(500)), amounts(eur(450))),
                instruction("trade-3", session, amounts(usd(1200)), amounts(eur(1100))));
        trades.forEach(f::submit);
        f.pay.security.clock.advance(AHEAD);

        assertThat(f.pay.security.tx(() -> f.service.settleDue())).isEqualTo(3);
        assertThat(trades.stream().map(t -> f.view(t.id()).phase()).toList())
                .containsExactly(InstructionPhase.SETTLING, InstructionPhase.PENDING, InstructionPhase.PENDING);
        f.pay.pump();

        assertThat(trades).allSatisfy(t -> assertThat(f.view(t.id()).phase()).isEqualTo(InstructionPhase.SUCCEEDED));
        assertThat(trades.stream().map(t -> f.view(t.id()).settlement().orElseThrow()).distinct()).hasSize(3);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(300), EUR, eur(2450)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(2700), EUR, eur(550)));
        assertThat(f.notifications).hasSize(6).allSatisfy(n -> assertThat(n.notification()).isEqualTo(Notification.SUCCESS));
    }

    @ParameterizedTest
    @EnumSource(FxCommitOrder.Side.class)
    void aSettleFxCutAfterTheFirstCommitFailsWithAFailedCommitRecordAndEachCurrencyIsConserved(FxCommitOrder.Side first) {
        ConversationId session = sessionWhereFirstIs(first);
        f.pay.fund(a, 1000);
        f.pay.fund(a, EUR, 500);
        f.pay.fund(b, GBP, 1000);
        Map<CurrencyCode, Long> funded = Map.of(USD, 1000L, EUR, 500L, GBP, 1000L);
        SettlementInstruction instruction = instruction("cut", session, amounts(usd(600), eur(250)), amounts(gbp(700)));
        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        ConversationId settlement = f.settleAtTime(instruction.id()).settlement().orElseThrow();
        ModuleId committer = first == FxCommitOrder.Side.A ? a : b;
        assertConserved(funded);
        while (log(committer).stream().noneMatch(l -> l.kind().equals("UNCONDITIONAL"))) {
            assertThat(f.pay.deliverNext()).isTrue();
            assertConserved(funded);
        }
        NetworkMessage dropped = f.pay.transport.queue.poll();   // the message after S(X)'s commit is lost
        assertThat(dropped).isNotNull();
        assertThat(f.view(instruction.id()).phase()).isEqualTo(InstructionPhase.SETTLING);

        f.pay.security.clock.advance(Duration.ofSeconds(31));
        f.pay.fireDueTimers();
        f.pay.pump();

        InstructionView failed = f.view(instruction.id());
        assertFailedAndBothTold(failed);
        ModuleId other = committer.equals(a) ? b : a;
        assertThat(other.equals(a) ? failed.reasonA() : failed.reasonB()).contains("Settle FX FAILED_COMMIT");
        Map<CurrencyCode, Money> lost = committer.equals(a) ? Map.of(USD, usd(600), EUR, eur(250)) : Map.of(GBP, gbp(700));
        assertThat(view(other, settlement).phase()).isEqualTo("FAILED_COMMIT");
        assertThat(log(other)).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo("FAILED_COMMIT");
            assertThat(l.totals()).isEqualTo(lost);
        });
        for (CurrencyCode currency : List.of(USD, EUR, GBP)) {
            assertThat(lost(currency)).isEqualTo(lost.getOrDefault(currency, Money.zero(currency)).amountMinor());
        }
        assertConserved(funded);
        assertThat(f.notifications).hasSize(2);
    }

    @Test
    void aSettleFxThatTimesOutFailsAndBothKeepTheirNotes() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction instruction = instruction("silent", session, amounts(usd(600)), amounts(gbp(700)));
        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        f.settleAtTime(instruction.id());
        f.pay.deliverNext();                    // A's amounts reach B: B sends its amounts
        f.pay.deliverNext();                    // B's amounts reach A: A sends its notes
        f.pay.deliverNext();                    // A's notes reach B: B sends its notes
        assertThat(f.pay.transport.queue.poll()).isNotNull();   // B's notes are lost

        f.pay.security.clock.advance(Duration.ofSeconds(31));
        f.pay.fireDueTimers();
        f.pay.pump();

        InstructionView failed = f.view(instruction.id());
        assertFailedAndBothTold(failed);
        assertThat(failed.reasonA()).contains("Settle FX TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        assertBothFree();
    }

    @Test
    void whenTheInitiatorsAmountsNeverReachThePeerBothAreToldFailed() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction instruction = instruction("lost", session, amounts(usd(600)), amounts(gbp(700)));
        f.submit(instruction);
        f.pay.security.clock.advance(AHEAD);
        ConversationId settlement = f.settleAtTime(instruction.id()).settlement().orElseThrow();
        assertThat(f.pay.transport.queue.poll()).isNotNull();   // A's amounts are lost: B never joins
        assertThat(f.pay.security.tx(() -> f.pay.settlements.holdsAgreement(b, session))).isTrue();

        f.pay.security.clock.advance(Duration.ofSeconds(31));
        f.pay.fireDueTimers();
        f.pay.pump();

        assertThat(f.pay.security.tx(() -> f.pay.settlements.settlement(b, settlement))).isEmpty();
        InstructionView failed = f.view(instruction.id());
        assertThat(failed.phase()).isEqualTo(InstructionPhase.FAILED);
        assertThat(failed.reasonA()).contains("Settle FX TIMED_OUT");
        assertThat(failed.reasonB()).contains("never joined: the peer's side ended TIMED_OUT");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
        // B's agreement is withdrawn, not merely expired: the slot is empty
        assertThat(f.pay.security.tx(() -> f.pay.settlements.holdsAgreement(b, session))).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void afterANeverJoinedSettlementTheResponderIsFreeAtOnceAndItsNextInstructionSettlesWithoutTheBusyWait() {
        ConversationId session = f.pay.session(a, b);
        ConversationId second = f.pay.session(a, b);    // the lost frame ends the first session; the next trade uses another
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction lost = instruction("lost-first", session, amounts(usd(600)), amounts(gbp(700)));
        f.submit(lost);
        f.pay.security.clock.advance(Duration.ofSeconds(10));
        SettlementInstruction next = instruction("next", second, amounts(usd(100)), amounts(gbp(200)));
        f.submit(next);                                 // due 10 s after the first
        f.pay.security.clock.advance(AHEAD.minusSeconds(10));
        f.settleAtTime(lost.id());
        assertThat(f.pay.transport.queue.poll()).isNotNull();   // A's amounts are lost: B never joins
        assertThat(f.pay.security.tx(() -> f.pay.settlements.holdsAgreement(b, session))).isTrue();

        f.pay.security.clock.advance(Duration.ofSeconds(10));
        assertThat(f.settleAtTime(next.id()).phase()).isEqualTo(InstructionPhase.PENDING);   // A and B are busy with the first

        f.pay.security.clock.advance(Duration.ofSeconds(21));
        f.pay.fireDueTimers();                          // A times out: the first fails, B's agreement is withdrawn, the next starts
        f.pay.pump();

        InstructionView failed = f.view(lost.id());
        assertThat(failed.phase()).isEqualTo(InstructionPhase.FAILED);
        assertThat(failed.reasonB()).contains("never joined: the peer's side ended TIMED_OUT");
        InstructionView done = f.view(next.id());
        assertThat(done.phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(done.finishedAt().orElseThrow()).isBefore(next.settleAt().plus(GrossSettlementService.BUSY_WAIT));
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(900), GBP, gbp(200)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(100), GBP, gbp(800)));
        assertBothFree();
    }

    @Test
    void aResubmittedInstructionARepeatedTimerAndReplayedOutcomesChangeNothing() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction instruction = instruction("again", session, amounts(usd(300)), amounts(gbp(250)));
        InstructionView first = f.submit(instruction);
        // the same terms again (settlement time given with nanoseconds: kept in whole milliseconds)
        SettlementInstruction same = new SettlementInstruction(instruction.id(), instruction.basis(), a, b, session, instruction.aSends(),
                instruction.bSends(), instruction.settleAt().plusNanos(999));
        assertThat(f.submit(same)).isEqualTo(first);
        assertThat(f.scheduled).hasSize(1);
        assertThatThrownBy(() -> f.submit(instruction("again", session, amounts(usd(301)), amounts(gbp(250)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("other terms");

        f.pay.security.clock.advance(AHEAD);
        InstructionView settling = f.settleAtTime(instruction.id());
        int sent = f.pay.transport.sent.size();
        assertThat(f.settleAtTime(instruction.id())).isEqualTo(settling);         // the timer fires twice
        assertThat(f.pay.security.tx(() -> f.service.settleDue())).isZero();       // and the catch-up finds nothing due
        assertThat(f.pay.transport.sent).hasSize(sent);
        f.pay.pump();
        InstructionView done = f.view(instruction.id());
        assertThat(done.phase()).isEqualTo(InstructionPhase.SUCCEEDED);

        // outcomes heard again (a redelivered step) and a submission after the settlement change nothing
        ConversationId settlement = done.settlement().orElseThrow();
        f.pay.security.txRun(() -> {
            f.service.onPaymentSettled(new PaymentSettled(a, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.ABORTED_BY_PEER)));
            f.service.onPaymentSettled(new PaymentSettled(b, settlement, Protocol.SETTLE_FX, Optional.of(PaymentOutcome.RECEIVED)));
        });
        assertThat(f.submit(instruction)).isEqualTo(done);
        assertThat(f.settleAtTime(instruction.id())).isEqualTo(done);
        assertThat(f.view(instruction.id())).isEqualTo(done);
        assertThat(f.notifications).hasSize(2);
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(700), GBP, gbp(250)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(300), GBP, gbp(750)));
    }

    @Test
    void settleDueDecidesEveryInstructionWhoseTimeHasComeAndNoOther() {
        ModuleId c = f.pay.signedOnModule();
        ConversationId ab = f.pay.session(a, b);
        ConversationId ac = f.pay.session(a, c);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction due = instruction("due", ab, amounts(usd(100)), amounts(gbp(100)));
        SettlementInstruction later = new SettlementInstruction(new InstructionId("later"), SettlementBasis.GROSS, a, c, ac,
                amounts(usd(100)), SettlementAmounts.none(), due.settleAt().plus(AHEAD));
        f.submit(due);
        f.submit(later);
        f.pay.security.clock.advance(AHEAD);

        assertThat(f.pay.security.tx(() -> f.service.settleDue())).isEqualTo(1);
        f.pay.pump();
        assertThat(f.view(due.id()).phase()).isEqualTo(InstructionPhase.SUCCEEDED);
        assertThat(f.view(later.id()).phase()).isEqualTo(InstructionPhase.PENDING);
    }

    @Test
    void badInstructionsAreRefusedAndNothingIsStored() {
        ConversationId session = f.pay.session(a, b);
        ModuleId c = f.pay.signedOnModule();
        ConversationId withC = f.pay.session(a, c);
        Instant at = f.pay.security.clock.instant().plus(AHEAD);
        InstructionId id = new InstructionId("bad");

        assertThatThrownBy(() -> new SettlementInstruction(id, SettlementBasis.GROSS, a, a, session, amounts(usd(1)), amounts(gbp(1)), at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same module");
        assertThatThrownBy(() -> new SettlementInstruction(id, SettlementBasis.GROSS, a, b, session, SettlementAmounts.none(),
                SettlementAmounts.none(), at)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing moves");
        assertThatThrownBy(() -> new SettlementInstruction(id, SettlementBasis.GROSS, a, b, session, amounts(usd(1)), amounts(usd(2)), at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides send");
        ModuleId unknown = new ModuleId(424242);
        assertThatThrownBy(() -> f.submit(new SettlementInstruction(id, SettlementBasis.GROSS, a, unknown, session, amounts(usd(1)),
                amounts(gbp(1)), at))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a hosted module");
        ModuleId teller = f.pay.security.tx(() -> f.pay.network.openModule(ModuleRole.TELLER, f.pay.ss, PaymentFixture.NS)).subjectId();
        assertThatThrownBy(() -> f.submit(new SettlementInstruction(id, SettlementBasis.GROSS, a, teller, session, amounts(usd(1)),
                amounts(gbp(1)), at))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a transaction module");
        ConversationId nowhere = ConversationId.random(f.pay.security.random);
        assertThatThrownBy(() -> f.submit(instruction("bad", nowhere, amounts(usd(1)), amounts(gbp(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not established");
        // a session of A, but with C, not B
        assertThatThrownBy(() -> f.submit(instruction("bad", withC, amounts(usd(1)), amounts(gbp(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not established with");
        assertThatThrownBy(() -> f.settleAtTime(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no settlement instruction");
        assertThatThrownBy(() -> new InstructionId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstructionId("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstructionId("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);

        assertThat(f.pay.security.tx(() -> f.service.instruction(id))).isEmpty();
        assertThat(f.scheduled).isEmpty();
        assertThat(f.notifications).isEmpty();
    }

    @Test
    void aSessionEndedBeforeTheSettlementTimeMakesTheCsasNotReady() {
        ConversationId session = f.pay.session(a, b);
        f.pay.fund(a, 1000);
        f.pay.fund(b, GBP, 1000);
        SettlementInstruction instruction = instruction("closed", session, amounts(usd(100)), amounts(gbp(100)));
        f.submit(instruction);
        // a notice of A's is lost and the next one looks reordered: B ends the session as tampered
        f.pay.security.txRun(() -> f.pay.network.sendNotice(a, session, "one"));
        assertThat(f.pay.transport.queue.poll()).isNotNull();
        f.pay.security.txRun(() -> f.pay.network.sendNotice(a, session, "two"));
        f.pay.pump();
        f.pay.security.clock.advance(AHEAD);

        InstructionView failed = f.settleAtTime(instruction.id());

        assertThat(failed.phase()).isEqualTo(InstructionPhase.FAILED);
        // B ends the session and A, told so, ends its side too
        assertThat(failed.reasonA()).contains("not ready: session not established");
        assertThat(failed.reasonB()).contains("not ready: session not established");
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(GBP, gbp(1000)));
    }

    // ---- helpers ----

    private SettlementInstruction instruction(String id, ConversationId session, SettlementAmounts aSends, SettlementAmounts bSends) {
        return new SettlementInstruction(new InstructionId(id), SettlementBasis.GROSS, a, b, session, aSends, bSends,
                f.pay.security.clock.instant().plus(AHEAD));
    }

    private void assertNothingMoved(int sentBefore, Map<CurrencyCode, Money> aHolds, Map<CurrencyCode, Money> bHolds) {
        assertThat(f.pay.transport.sent).hasSize(sentBefore);
        assertThat(f.pay.transport.queue).isEmpty();
        assertThat(balances(a)).isEqualTo(aHolds);
        assertThat(balances(b)).isEqualTo(bHolds);
        assertThat(log(a)).isEmpty();
        assertThat(log(b)).isEmpty();
    }

    /** A new session from a to b whose R(A) XOR R(B) makes {@code first} S(X) for a settlement a starts. */
    private ConversationId sessionWhereFirstIs(FxCommitOrder.Side first) {
        for (int i = 0; i < MAX_SESSION_TRIES; i++) {
            ConversationId session = f.pay.session(a, b);
            if (SettleFxTesting.firstTransferor(f.pay, a, session) == first) {
                return session;
            }
        }
        throw new AssertionError("no session with S(X) = " + first + " in " + MAX_SESSION_TRIES + " tries");
    }

    private void assertConserved(Map<CurrencyCode, Long> funded) {
        for (CurrencyCode currency : funded.keySet()) {
            long held = f.pay.security.tx(() -> f.pay.custody.balance(a, currency).amountMinor()
                    + f.pay.custody.balance(b, currency).amountMinor());
            Map<ModuleId, ModuleBook> books = f.pay.security.tx(f.pay.custody::books);
            long transit = ConservationProbe.inTransit(books, currency).amountMinor();
            assertThat(held + transit + lost(currency)).as("held + in transit + lost %s", currency).isEqualTo(funded.get(currency));
        }
    }

    private long lost(CurrencyCode currency) {
        Map<ModuleId, ModuleBook> books = f.pay.security.tx(f.pay.custody::books);
        return ConservationProbe.lostInFailedCommits(books, currency).amountMinor();
    }

    private boolean busy(ModuleId module) {
        return f.pay.security.tx(() -> f.pay.custody.isBusy(module));
    }

    private Map<CurrencyCode, Money> balances(ModuleId module) {
        return f.pay.security.tx(() -> f.pay.exchanges.balances(module));
    }

    private List<SettleFxService.LogLine> log(ModuleId module) {
        return f.pay.security.tx(() -> f.pay.settlements.log(module));
    }

    private SettleFxService.SettlementView view(ModuleId module, ConversationId settlement) {
        return f.pay.security.tx(() -> f.pay.settlements.settlement(module, settlement)).orElseThrow();
    }

    private static SettlementAmounts amounts(Money... amounts) {
        return SettlementAmounts.ofCurrency(amounts);
    }

    private static Money usd(long cents) {
        return Money.of(USD, cents);
    }

    private static Money eur(long cents) {
        return Money.of(EUR, cents);
    }

    private static Money gbp(long pence) {
        return Money.of(GBP, pence);
    }

    /** The instruction FAILED and both counterparties were told so. */
    private static void assertFailedAndBothTold(InstructionView view) {
        assertThat(view.phase()).isEqualTo(InstructionPhase.FAILED);
        assertThat(view.notifiedA()).contains(Notification.FAILED);
        assertThat(view.notifiedB()).contains(Notification.FAILED);
    }

    /** Neither CSA's module is left in a payment, exchange or settlement. */
    private void assertBothFree() {
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }
}
