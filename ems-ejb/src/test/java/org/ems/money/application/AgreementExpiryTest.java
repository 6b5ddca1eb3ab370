package org.ems.money.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.application.PaymentFixture.USD;
import static org.ems.money.application.PaymentFixture.usd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.money.application.MoneyModuleBook.AgreementKind;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An agreement no message started (a payment expected, an exchange or a settlement agreed) does
 * not keep its module busy for ever (one JTA transaction per step, Hibernate + Derby XA +
 * Narayana): it expires at the network's reply timeout after it was made, a first message that
 * arrives after that changes nothing at B and the initiator times out with its notes, and the
 * host may withdraw it at once, but not once the first message started it.
 */
class AgreementExpiryTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");

    private PaymentFixture f;
    private ModuleId a;
    private ModuleId b;
    private ConversationId session;
    private Duration replyTimeout;

    @BeforeEach
    void start() {
        f = new PaymentFixture("expiry" + RUN.incrementAndGet());
        a = f.signedOnModule();
        b = f.signedOnModule();
        session = f.session(a, b);
        f.fund(a, 1000);
        f.fund(b, EUR, 1000);
        replyTimeout = f.net.settings.limits().replyTimeout();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(AgreementKind.class)
    void anAgreementNoMessageStartedStopsCountingAtTheReplyTimeout(AgreementKind kind) {
        assertThat(f.steps.agreementLifetime()).isEqualTo(replyTimeout).isPositive();
        agree(kind);
        assertThat(busy(b)).isTrue();

        f.security.clock.advance(replyTimeout.minusMillis(1));
        assertThat(busy(b)).as("busy until the reply timeout").isTrue();
        assertThat(live(kind)).isTrue();

        f.security.clock.advance(Duration.ofMillis(1));
        assertThat(busy(b)).as("free at the reply timeout").isFalse();
        assertThat(live(kind)).isFalse();
        // expired, not erased: the slot still holds it (a host may withdraw it), but it no longer counts
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).holdsAgreement(kind, session))).isTrue();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).agreementExpires()))
                .contains(f.security.tx(() -> f.steps.bookRecord(b).agreedAt()).orElseThrow().plus(replyTimeout));
        assertThat(busy(a)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(AgreementKind.class)
    void aFirstMessageAfterExpiryChangesNothingAtBAndTheInitiatorTimesOutWithItsNotes(AgreementKind kind) {
        agree(kind);
        f.security.clock.advance(replyTimeout.minusSeconds(10));
        ConversationId started = begin(kind);   // A starts within B's window, but its message arrives after it
        f.security.clock.advance(Duration.ofSeconds(11));
        assertThat(f.pump()).isPositive();      // the first message reaches B: ignored

        assertThat(side(kind, b, started)).isEmpty();
        assertThat(busy(b)).isFalse();
        assertThat(f.security.tx(() -> f.exchanges.log(b))).isEmpty();
        assertThat(side(kind, a, started).orElseThrow().settled()).isFalse();

        f.security.clock.advance(replyTimeout.plusSeconds(1));
        f.fireDueTimers();
        f.pump();

        assertThat(side(kind, a, started).orElseThrow()).isEqualTo(new Side(true, "TIMED_OUT"));
        assertThat(side(kind, b, started)).isEmpty();
        assertNothingMoved();
    }

    @ParameterizedTest
    @EnumSource(AgreementKind.class)
    void aWithdrawnAgreementFreesTheModuleAtOnceAndItsFirstMessageIsIgnored(AgreementKind kind) {
        agree(kind);
        assertThat(busy(b)).isTrue();

        f.security.txRun(() -> withdraw(kind, b, session));

        assertThat(busy(b)).isFalse();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).holdsAgreement(kind, session))).isFalse();
        assertThat(f.security.tx(() -> f.steps.bookRecord(b).agreedAt())).isEmpty();
        // withdrawn twice: there is nothing to withdraw
        assertThatThrownBy(() -> f.security.txRun(() -> withdraw(kind, b, session)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no " + kind.label() + " agreement");

        // A starts anyway, well within the reply timeout: B ignores it, A times out with its notes
        ConversationId started = begin(kind);
        f.pump();
        assertThat(side(kind, b, started)).isEmpty();
        assertThat(busy(b)).isFalse();
        f.security.clock.advance(replyTimeout.plusSeconds(1));
        f.fireDueTimers();
        f.pump();
        assertThat(side(kind, a, started).orElseThrow()).isEqualTo(new Side(true, "TIMED_OUT"));
        assertNothingMoved();
    }

    @ParameterizedTest
    @EnumSource(AgreementKind.class)
    void withdrawingAnAgreementItsFirstMessageStartedIsRefusedAndTheProtocolRunsOn(AgreementKind kind) {
        agree(kind);
        ConversationId started = begin(kind);
        assertThat(f.deliverNext()).isTrue();   // the first message starts B's side: the slot is empty, B is in the conversation

        assertThatThrownBy(() -> f.security.txRun(() -> withdraw(kind, b, session)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no " + kind.label() + " agreement")
                .hasMessageContaining("it is in conversation");
        assertThat(busy(b)).isTrue();

        f.pump();
        assertThat(side(kind, a, started).orElseThrow().settled()).isTrue();
        assertThat(side(kind, b, started).orElseThrow().settled()).isTrue();
        Map<CurrencyCode, Money> expectedA = kind == AgreementKind.PAYMENT ? Map.of(USD, usd(600)) : Map.of(USD, usd(600), EUR, eur(300));
        Map<CurrencyCode, Money> expectedB = kind == AgreementKind.PAYMENT ? Map.of(USD, usd(400), EUR, eur(1000))
                : Map.of(USD, usd(400), EUR, eur(700));
        assertThat(balances(a)).isEqualTo(expectedA);
        assertThat(balances(b)).isEqualTo(expectedB);
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    @Test
    void withdrawIsRefusedForAnotherKindAnotherSessionOrAModuleNotHostedAndChangesNothing() {
        ModuleId c = f.signedOnModule();
        ConversationId other = f.session(b, c);
        agree(AgreementKind.SETTLEMENT);

        assertThatThrownBy(() -> f.security.txRun(() -> f.payments.withdraw(b, session)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no payment agreement");
        assertThatThrownBy(() -> f.security.txRun(() -> f.exchanges.withdraw(b, session)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no exchange agreement");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.withdraw(b, other)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no settlement agreement");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.withdraw(a, session)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no settlement agreement");
        assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.withdraw(new ModuleId(1), session)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no hosted module");
        assertThatThrownBy(() -> f.security.tx(() -> f.settlements.holdsAgreement(new ModuleId(1), session)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no hosted module");

        assertThat(busy(b)).isTrue();
        assertThat(live(AgreementKind.SETTLEMENT)).isTrue();
        assertThat(f.security.tx(() -> f.settlements.holdsAgreement(b, session))).isTrue();
        assertThat(f.security.tx(() -> f.settlements.holdsAgreement(b, other))).isFalse();

        // an expired agreement may be withdrawn too (tidying the slot)
        f.security.clock.advance(replyTimeout);
        assertThat(busy(b)).isFalse();
        f.security.txRun(() -> f.settlements.withdraw(b, session));
        assertThat(f.security.tx(() -> f.settlements.holdsAgreement(b, session))).isFalse();
    }

    @Test
    void aSettlementAgreedForLongerOutlivesTheReplyTimeoutAndStillStarts() {
        Duration tenMinutes = Duration.ofMinutes(10);
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(eur(300)), amounts(usd(400)), tenMinutes));
        f.security.clock.advance(Duration.ofMinutes(5));
        assertThat(busy(b)).isTrue();

        ConversationId started = begin(AgreementKind.SETTLEMENT);
        f.pump();
        assertThat(side(AgreementKind.SETTLEMENT, b, started).orElseThrow()).isEqualTo(new Side(true, "RECEIVED"));
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(600), EUR, eur(300)));
        assertThat(balances(b)).isEqualTo(Map.of(USD, usd(400), EUR, eur(700)));

        // and it too expires, at the lifetime given
        f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(eur(300)), amounts(usd(400)), tenMinutes));
        f.security.clock.advance(tenMinutes.minusMillis(1));
        assertThat(busy(b)).isTrue();
        f.security.clock.advance(Duration.ofMillis(1));
        assertThat(busy(b)).isFalse();
    }

    @Test
    void aLifetimeThatIsNotPositiveOrTooLongIsRefusedAndNothingIsStored() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1),
                SettleFxService.MAX_AGREEMENT_LIFETIME.plusMillis(1))) {
            assertThatThrownBy(() -> f.security.txRun(() -> f.settlements.expect(b, session, a, amounts(eur(300)), amounts(usd(400)), bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive time");
        }
        assertThat(busy(b)).isFalse();
        assertThat(f.security.tx(() -> f.settlements.holdsAgreement(b, session))).isFalse();
    }

    @Test
    void aNewAgreementAfterExpiryCountsFromItsOwnInstant() {
        agree(AgreementKind.PAYMENT);
        f.security.clock.advance(replyTimeout);
        assertThat(busy(b)).isFalse();
        agree(AgreementKind.EXCHANGE);          // replaces the expired one
        f.security.clock.advance(replyTimeout.minusSeconds(1));
        assertThat(busy(b)).isTrue();
        assertThat(live(AgreementKind.EXCHANGE)).isTrue();
        assertThat(live(AgreementKind.PAYMENT)).isFalse();
        ConversationId started = begin(AgreementKind.EXCHANGE);
        f.pump();
        assertThat(side(AgreementKind.EXCHANGE, b, started).orElseThrow()).isEqualTo(new Side(true, "RECEIVED"));
    }

    /** B agrees to receive USD 4.00 from A (giving EUR 3.00 for an exchange or a settlement). */
    private void agree(AgreementKind kind) {
        f.security.txRun(() -> {
            switch (kind) {
                case PAYMENT -> f.payments.expect(b, session, a, usd(400));
                case EXCHANGE -> f.exchanges.expect(b, session, a, eur(300), usd(400));
                case SETTLEMENT -> f.settlements.expect(b, session, a, amounts(eur(300)), amounts(usd(400)));
            }
        });
    }

    /** A starts what B agreed to (its first message goes to the transport's queue). */
    private ConversationId begin(AgreementKind kind) {
        return f.security.tx(() -> switch (kind) {
            case PAYMENT -> f.payments.pay(a, session, usd(400));
            case EXCHANGE -> f.exchanges.exchange(a, session, usd(400), eur(300));
            case SETTLEMENT -> f.settlements.settle(a, session, amounts(usd(400)), amounts(eur(300)));
        });
    }

    private void withdraw(AgreementKind kind, ModuleId module, ConversationId in) {
        switch (kind) {
            case PAYMENT -> f.payments.withdraw(module, in);
            case EXCHANGE -> f.exchanges.withdraw(module, in);
            case SETTLEMENT -> f.settlements.withdraw(module, in);
        }
    }

    /** Whether B's agreement of {@code kind} counts now (what starts B's side when the first message arrives). */
    private boolean live(AgreementKind kind) {
        return f.security.tx(() -> {
            MoneyModuleBook record = f.steps.bookRecord(b);
            return switch (kind) {
                case PAYMENT -> record.expectation(f.steps.now()).isPresent();
                case EXCHANGE -> record.fxExpectation(f.steps.now()).isPresent();
                case SETTLEMENT -> record.settleFxExpectation(f.steps.now()).isPresent();
            };
        });
    }

    /** A module's side of the conversation, if it has one: whether it ended, and its outcome. */
    private Optional<Side> side(AgreementKind kind, ModuleId module, ConversationId conversation) {
        return f.security.tx(() -> switch (kind) {
            case PAYMENT -> f.payments.payment(module, conversation).map(v -> new Side(v.settled(), v.outcome()));
            case EXCHANGE -> f.exchanges.exchange(module, conversation).map(v -> new Side(v.settled(), v.outcome()));
            case SETTLEMENT -> f.settlements.settlement(module, conversation).map(v -> new Side(v.settled(), v.outcome()));
        });
    }

    private record Side(boolean settled, String outcome) {
    }

    private void assertNothingMoved() {
        assertThat(balances(a)).isEqualTo(Map.of(USD, usd(1000)));
        assertThat(balances(b)).isEqualTo(Map.of(EUR, eur(1000)));
        assertThat(f.security.tx(() -> f.exchanges.log(b))).isEmpty();
        assertThat(busy(a)).isFalse();
        assertThat(busy(b)).isFalse();
    }

    private boolean busy(ModuleId module) {
        return f.security.tx(() -> f.custody.isBusy(module));
    }

    private Map<CurrencyCode, Money> balances(ModuleId module) {
        return f.security.tx(() -> f.exchanges.balances(module));
    }

    private static SettlementAmounts amounts(Money... amounts) {
        return SettlementAmounts.ofCurrency(amounts);
    }

    private static Money eur(long cents) {
        return Money.of(EUR, cents);
    }
}
