package org.ems.money.teller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ems.money.application.PaymentFixture;
import org.ems.money.application.SettleFxService;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.FxCommitOrder.Side;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConservationCheck#inTransit} and {@link ConservationCheck#lostInFailedCommits} over
 * Settle Foreign Exchange logs, whose entries carry notes of several currencies and whose two
 * transfers share one conversation: after every step of two-way settlements (each commit order)
 * and one-way ones, completed or cut after the first commit, held + in transit + lost in
 * failed commits equals what was funded, per currency, and the lost value is exactly what the
 * first committer gave. A conditional transfer is still held by its sender (a payment's too).
 */
class ConservationCheckSettleFxTest {

    private static final CurrencyCode USD = PaymentFixture.USD;
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final CurrencyCode GBP = CurrencyCode.of("GBP");
    /** Enough for every one of MAX_SESSIONS settlements (A gives USD 6.00 and EUR 2.50, B GBP 7.00 each time). */
    private static final Map<CurrencyCode, Long> FUNDED = Map.of(USD, 18000L, EUR, 8000L, GBP, 21000L);
    private static final int MAX_SESSIONS = 30;

    private PaymentFixture f;
    private ModuleId a;
    private ModuleId b;

    @BeforeEach
    void start() {
        f = new PaymentFixture("csfx");
        a = f.signedOnModule();
        b = f.signedOnModule();
        f.fund(a, USD, notes(18));
        f.fund(a, EUR, notes(8));
        f.fund(b, GBP, notes(21));
    }

    private static long[] notes(int count) {
        long[] cents = new long[count];
        java.util.Arrays.fill(cents, 1000);
        return cents;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void settleFxValueIsInTransitWhileUnsettledAndLostOnlyWhenTheFirstCommitterGaveItForGood() {
        Set<Side> completed = EnumSet.noneOf(Side.class);
        Set<Side> cut = EnumSet.noneOf(Side.class);
        long lostUsd = 0;
        long lostEur = 0;
        long lostGbp = 0;
        for (int i = 0; i < MAX_SESSIONS && (completed.size() < 2 || cut.size() < 2); i++) {
            ConversationId session = f.session(a, b);
            boolean cutIt = completed.size() == 2 || i % 2 == 1;
            Side first = run(session, amounts(Money.of(GBP, 700)), cutIt);
            (cutIt ? cut : completed).add(first);
            if (cutIt) {
                if (first == Side.A) {
                    lostUsd += 600;
                    lostEur += 250;
                } else {
                    lostGbp += 700;
                }
            }
            assertThat(lost(USD)).isEqualTo(lostUsd);
            assertThat(lost(EUR)).isEqualTo(lostEur);
            assertThat(lost(GBP)).isEqualTo(lostGbp);
            assertThat(List.of(USD, EUR, GBP)).allSatisfy(c -> assertThat(inTransit(c)).isZero());
        }
        assertThat(completed).containsExactlyInAnyOrder(Side.values());
        assertThat(cut).containsExactlyInAnyOrder(Side.values());

        // one-way: A commits first; completed, then cut after A's commit
        run(f.session(a, b), SettlementAmounts.none(), false);
        run(f.session(a, b), SettlementAmounts.none(), true);
        assertThat(lost(USD)).isEqualTo(lostUsd + 600);
        assertThat(lost(EUR)).isEqualTo(lostEur + 250);
        assertThat(lost(GBP)).isEqualTo(lostGbp);
        assertThat(List.of(USD, EUR, GBP)).allSatisfy(c -> assertThat(inTransit(c)).isZero());
    }

    @Test
    void aPaymentsConditionalTransferIsStillHeldByThePayerNotInTransit() {
        ConversationId session = f.session(a, b);
        f.security.txRun(() -> f.payments.expect(b, session, a, Money.of(USD, 300)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(a, session, Money.of(USD, 300)));
        assertThat(f.security.tx(() -> f.payments.log(a, USD))).singleElement()
                .satisfies(l -> assertThat(l.kind()).isEqualTo("CONDITIONAL"));
        assertThat(inTransit(USD)).isZero();     // the payer still holds the notes it sent conditionally
        assertConserved();
        boolean sawInTransit = false;
        while (f.deliverNext()) {
            assertConserved();
            sawInTransit |= inTransit(USD) > 0;   // after the payer's commit, before the payee's
        }
        assertThat(sawInTransit).isTrue();
        assertThat(f.security.tx(() -> f.payments.payment(b, payment)).orElseThrow().outcome()).isEqualTo("RECEIVED");
        assertThat(inTransit(USD)).isZero();
    }

    /**
     * A sends 6.00 dollars and 2.50 euros for {@code bSends}; conservation is checked after every
     * step; {@code cut} loses the message that follows the first commit and lets both sides time
     * out. Returns S(X).
     */
    private Side run(ConversationId session, SettlementAmounts bSends, boolean cut) {
        SettlementAmounts aSends = amounts(Money.of(USD, 600), Money.of(EUR, 250));
        f.security.txRun(() -> f.settlements.expect(b, session, a, bSends, aSends));
        ConversationId settlement = f.security.tx(() -> f.settlements.settle(a, session, aSends, bSends));
        assertConserved();
        boolean sawInTransitAfterACommit = false;
        while (f.deliverNext()) {
            assertConserved();
            if (committed(settlement) && !view(b, settlement).settled()) {
                sawInTransitAfterACommit |= List.of(USD, EUR, GBP).stream().anyMatch(c -> inTransit(c) > 0);
                if (cut) {
                    assertThat(f.transport.queue.poll()).isNotNull();
                    assertThat(f.transport.queue).isEmpty();
                    break;
                }
            }
        }
        if (cut) {
            f.security.clock.advance(Duration.ofSeconds(31));
            f.fireDueTimers();
            while (f.deliverNext()) {
                assertConserved();
            }
            assertThat(view(a, settlement).settled()).isTrue();
            assertThat(view(b, settlement).settled()).isTrue();
        } else {
            assertThat(view(b, settlement).outcome()).isEqualTo("RECEIVED");
        }
        assertThat(sawInTransitAfterACommit).isTrue();
        assertConserved();
        return Side.valueOf(view(a, settlement).firstTransferor());
    }

    private boolean committed(ConversationId settlement) {
        return List.of(a, b).stream().anyMatch(m -> f.security.tx(() -> f.settlements.log(m)).stream()
                .anyMatch(l -> l.kind().equals("UNCONDITIONAL") && l.conversation().equals(settlement.toString())));
    }

    private void assertConserved() {
        for (CurrencyCode currency : List.of(USD, EUR, GBP)) {
            long held = f.security.tx(() -> f.custody.balance(a, currency).amountMinor() + f.custody.balance(b, currency).amountMinor());
            assertThat(held + inTransit(currency) + lost(currency)).as("held + in transit + lost %s", currency)
                    .isEqualTo(FUNDED.get(currency));
        }
    }

    private long inTransit(CurrencyCode currency) {
        Map<ModuleId, ModuleBook> books = f.security.tx(f.custody::books);
        return ConservationCheck.inTransit(books, currency).amountMinor();
    }

    private long lost(CurrencyCode currency) {
        Map<ModuleId, ModuleBook> books = f.security.tx(f.custody::books);
        return ConservationCheck.lostInFailedCommits(books, currency).amountMinor();
    }

    private SettleFxService.SettlementView view(ModuleId module, ConversationId settlement) {
        return f.security.tx(() -> f.settlements.settlement(module, settlement)).orElseThrow();
    }

    private static SettlementAmounts amounts(Money... amounts) {
        return SettlementAmounts.ofCurrency(amounts);
    }
}
