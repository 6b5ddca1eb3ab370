package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.network.domain.ConversationId;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.agents.domain.WorkState;
import org.junit.jupiter.api.Test;

/**
 * A work item's states: what a Settle FX that did not succeed does to the obligation (retried with a
 * new agreement, at most {@link WorkState#MAX_ATTEMPTS} failures, then FAILED and visible; a failed
 * commit at the receiver is kept as such, never retried), a part settled in several packets, and
 * which moves and amounts are refused.
 */
class AgentWorkItemTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ConversationId SESSION = ConversationId.parse("00000000000000000000000000000001");
    private static final ConversationId S1 = ConversationId.parse("00000000000000000000000000000011");
    private static final ConversationId S2 = ConversationId.parse("00000000000000000000000000000012");
    private static final ConversationId S3 = ConversationId.parse("00000000000000000000000000000013");
    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final AgentAmounts USD_5 = AgentAmounts.of(Money.of(USD, 500));
    private static final AgentAmounts BOTH = AgentAmounts.of(Money.of(USD, 500), Money.of(JPY, 9000));
    private static final AgentAmounts FIRST_PACKET = AgentAmounts.of(Money.of(JPY, 9000), Money.of(USD, 200));
    private static final AgentAmounts REST = AgentAmounts.of(Money.of(USD, 300));

    /** {@code count} successful packets of {@code each} from a payer, each after its receiver's READY for what is left. */
    private static void payPackets(AgentWorkItem pay, int count, AgentAmounts each) {
        for (int packet = 0; packet < count; packet++) {
            assertThat(pay.readyToReceive(pay.remaining(), NOW)).isTrue();
            pay.settling(S1, each, NOW);
            pay.ended(S1, "PAID", true, each, false, NOW);
        }
    }

    private static AgentWorkItem item(AgentWorkItem.Direction direction, AgentAmounts amounts) {
        return new AgentWorkItem(new AgentId("A"), "C1", TransferRef.of(TransferRef.Kind.IN, new AgentId("A")).part(1), 1, direction,
                new AgentId("MSA1"), SESSION, amounts, NOW);
    }

    @Test
    void aPayerRetriesAfterAFailedSettlementOnlyWhenTheReceiverAgreesAgainAndGivesUpAfterThreeFailures() {
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY, USD_5);
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.readyToReceive(USD_5, NOW)).isTrue();
        pay.settling(S1, USD_5, NOW);
        pay.ended(S1, "TIMED_OUT", false, AgentAmounts.none(), false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.lastOutcome()).contains("TIMED_OUT");
        // the receiver's new READY arrives before the payer's own attempt has ended: kept for the next attempt
        pay.readyToReceive(USD_5, NOW);
        pay.settling(S2, USD_5, NOW);
        assertThat(pay.readyToReceive(USD_5, NOW)).isTrue();
        pay.ended(S2, "ABORTED_BY_PEER", false, AgentAmounts.none(), false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.READY);
        pay.settling(S3, USD_5, NOW);
        pay.ended(S3, "AMOUNTS_REFUSED", false, AgentAmounts.none(), false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.FAILED);
        assertThat(pay.failures()).isEqualTo(WorkState.MAX_ATTEMPTS);
        assertThat(pay.settled()).isEqualTo(AgentAmounts.none());
        // a FAILED payer keeps a READY for what is left (for an operator's retry) but does not pay on it
        assertThat(pay.readyToReceive(REST, NOW)).isFalse();
        assertThat(pay.readyToReceive(USD_5, NOW)).isTrue();
        assertThat(pay.state()).isEqualTo(WorkState.FAILED);
        assertThatThrownBy(() -> pay.settling(S1, USD_5, NOW)).isInstanceOf(IllegalStateException.class);
    }

    /** Three failed Settle FX of the item (it must be agreed / READY). */
    private static void failThrice(AgentWorkItem item, AgentAmounts amounts) {
        for (int i = 0; i < WorkState.MAX_ATTEMPTS; i++) {
            if (item.direction() == AgentWorkItem.Direction.PAY) {
                assertThat(item.readyToReceive(item.remaining(), NOW)).isTrue();
                item.settling(S1, amounts, NOW);
            } else {
                item.agreed(NOW);
            }
            item.ended(S1, "AMOUNTS_REFUSED", false, AgentAmounts.none(), false, NOW);
        }
        assertThat(item.state()).isEqualTo(WorkState.FAILED);
    }

    @Test
    void aRetriedFailedPartStartsAgainWithItsFailuresResetItsAttemptsAndWhatMovedKept() {
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY, BOTH);
        assertThat(pay.readyToReceive(BOTH, NOW)).isTrue();
        pay.settling(S1, FIRST_PACKET, NOW);
        pay.ended(S1, "PAID", true, FIRST_PACKET, false, NOW);
        failThrice(pay, REST);

        pay.retried(NOW.plusSeconds(60));
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.failures()).isZero();
        assertThat(pay.attempts()).isEqualTo(4);
        assertThat(pay.settled()).isEqualTo(FIRST_PACKET);
        assertThat(pay.remaining()).isEqualTo(REST);
        assertThat(pay.lastOutcome()).contains("AMOUNTS_REFUSED");
        // it fails three times again: FAILED again, then retried again
        failThrice(pay, REST);
        assertThat(pay.attempts()).isEqualTo(7);
        pay.retried(NOW);
        assertThat(pay.readyToReceive(REST, NOW)).isTrue();
        pay.settling(S2, REST, NOW);
        pay.ended(S2, "PAID", true, REST, false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.DONE);
        assertThat(pay.settled()).isEqualTo(BOTH);

        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT, USD_5);
        failThrice(expect, USD_5);
        expect.retried(NOW);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        assertThat(expect.failures()).isZero();
        assertThat(expect.attempts()).isEqualTo(3);
    }

    @Test
    void aRetriedPayerWhoseReceiverAgreedSinceTheFailureIsReadyAtOnce() {
        // the operator retried the receiver first: its READY reached the FAILED payer
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY, USD_5);
        failThrice(pay, USD_5);
        assertThat(pay.readyToReceive(USD_5, NOW)).isTrue();
        pay.retried(NOW);
        assertThat(pay.state()).isEqualTo(WorkState.READY);

        // the payer could not pay: its receiver stays agreed to what is left, so the retry is READY
        AgentWorkItem poor = item(AgentWorkItem.Direction.PAY, USD_5);
        assertThat(poor.readyToReceive(USD_5, NOW)).isTrue();
        poor.cannotPay("INSUFFICIENT_FUNDS", NOW);
        assertThat(poor.state()).isEqualTo(WorkState.FAILED);
        assertThat(poor.attempts()).isZero();
        poor.retried(NOW);
        assertThat(poor.state()).isEqualTo(WorkState.READY);
        assertThat(poor.lastOutcome()).contains("INSUFFICIENT_FUNDS");
    }

    @Test
    void aPartThatHasMadeAsManyAttemptsAsAMessageNumbersStopsBeforeTheNextAndOnlyThen() {
        AgentWorkItem many = item(AgentWorkItem.Direction.PAY, AgentAmounts.of(Money.of(USD, 1000)));
        AgentAmounts oneDollar = AgentAmounts.of(Money.of(USD, 1));
        payPackets(many, 98, oneDollar);
        assertThat(many.readyToReceive(many.remaining(), NOW)).isTrue();
        assertThatThrownBy(() -> many.exhausted(NOW)).as("98 attempts: one left").isInstanceOf(IllegalStateException.class);
        many.settling(S1, oneDollar, NOW);
        many.ended(S1, "PAID", true, oneDollar, false, NOW);
        assertThat(many.readyToReceive(many.remaining(), NOW)).isTrue();
        many.exhausted(NOW);
        assertThat(many.state()).isEqualTo(WorkState.FAILED);
        assertThat(many.lastOutcome()).contains("ATTEMPT_LIMIT");
        assertThat(many.settled()).isEqualTo(AgentAmounts.of(Money.of(USD, 99)));
        assertThatThrownBy(() -> many.exhausted(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAFailedPartIsRetriedAndNeverPastTheMessageFormatsAttemptNumbers() {
        AgentWorkItem open = item(AgentWorkItem.Direction.PAY, USD_5);
        assertThatThrownBy(() -> open.retried(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("AWAITING_READY");
        AgentWorkItem agreed = item(AgentWorkItem.Direction.EXPECT, USD_5);
        agreed.agreed(NOW);
        assertThatThrownBy(() -> agreed.retried(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("AGREED");
        assertThat(agreed.state()).isEqualTo(WorkState.AGREED);

        AgentWorkItem done = item(AgentWorkItem.Direction.EXPECT, USD_5);
        done.agreed(NOW);
        done.ended(S1, "RECEIVED", true, USD_5, false, NOW);
        assertThatThrownBy(() -> done.retried(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("DONE");
        assertThat(done.state()).isEqualTo(WorkState.DONE);

        AgentWorkItem claim = item(AgentWorkItem.Direction.EXPECT, USD_5);
        claim.agreed(NOW);
        claim.ended(S1, "FAILED_COMMIT", false, AgentAmounts.none(), true, NOW);
        assertThatThrownBy(() -> claim.retried(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED_COMMIT");
        assertThat(claim.state()).isEqualTo(WorkState.FAILED_COMMIT);

        // 94 packets of 1 dollar, then three failures: 97 attempts, 3 more would pass 99
        AgentWorkItem many = item(AgentWorkItem.Direction.PAY, AgentAmounts.of(Money.of(USD, 1000)));
        AgentAmounts oneDollar = AgentAmounts.of(Money.of(USD, 1));
        payPackets(many, 94, oneDollar);
        failThrice(many, oneDollar);
        assertThat(many.attempts()).isEqualTo(97);
        assertThatThrownBy(() -> many.retried(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("99");
        assertThat(many.state()).isEqualTo(WorkState.FAILED);
        assertThat(many.failures()).isEqualTo(WorkState.MAX_ATTEMPTS);

        // 93 packets: 96 attempts, the retry may still fail three times within 99
        AgentWorkItem fewer = item(AgentWorkItem.Direction.PAY, AgentAmounts.of(Money.of(USD, 1000)));
        payPackets(fewer, 93, oneDollar);
        failThrice(fewer, oneDollar);
        fewer.retried(NOW);
        assertThat(fewer.state()).isEqualTo(WorkState.AWAITING_READY);
    }

    @Test
    void aPartLargerThanOnePacketSettlesPacketByPacketOnBothSides() {
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY, BOTH);
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT, BOTH);
        expect.agreed(NOW);
        assertThat(pay.readyToReceive(expect.remaining(), NOW)).isTrue();
        pay.settling(S1, FIRST_PACKET, NOW);
        assertThat(pay.packet()).isEqualTo(FIRST_PACKET);
        // the receiver's side ends first and agrees to the rest before the payer's side has ended
        expect.ended(S1, "RECEIVED", true, FIRST_PACKET, false, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        assertThat(expect.remaining()).isEqualTo(REST);
        expect.agreed(NOW);
        assertThat(pay.readyToReceive(expect.remaining(), NOW)).isTrue();
        pay.ended(S1, "RECEIVED", true, pay.packet(), false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.READY);
        assertThat(pay.remaining()).isEqualTo(REST);
        assertThat(pay.packet()).isEqualTo(AgentAmounts.none());

        pay.settling(S2, REST, NOW);
        pay.ended(S2, "RECEIVED", true, REST, false, NOW);
        expect.ended(S2, "RECEIVED", true, REST, false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.DONE);
        assertThat(expect.state()).isEqualTo(WorkState.DONE);
        assertThat(pay.settled()).isEqualTo(BOTH);
        assertThat(expect.settled()).isEqualTo(BOTH);
        assertThat(pay.attempts()).isEqualTo(2);
        assertThat(pay.failures()).isZero();
    }

    @Test
    void aPayerRefusesAReadyForOtherAmountsThanItHasLeftAndNeverSendsMoreThanThat() {
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY, BOTH);
        assertThat(pay.readyToReceive(REST, NOW)).isFalse();
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.readyToReceive(BOTH, NOW)).isTrue();
        assertThatThrownBy(() -> pay.settling(S1, BOTH.plus(USD_5), NOW)).isInstanceOf(IllegalArgumentException.class);
        pay.settling(S1, FIRST_PACKET, NOW);
        // while it runs: what is left now or after it, nothing else
        assertThat(pay.readyToReceive(USD_5, NOW)).isFalse();
        assertThat(pay.readyToReceive(REST, NOW)).isTrue();
        // the packet fails after all: the READY for the rest does not fit what is left, so the payer waits for a new one
        pay.ended(S1, "TIMED_OUT", false, AgentAmounts.none(), false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.remaining()).isEqualTo(BOTH);
        // a receiver counting more than its part is refused
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT, REST);
        expect.agreed(NOW);
        assertThatThrownBy(() -> expect.ended(S2, "RECEIVED", true, BOTH, false, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReceiverAgreesAgainAfterAFailureButKeepsAFailedCommit() {
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT, USD_5);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        expect.agreed(NOW);
        expect.ended(S1, "TIMED_OUT", false, AgentAmounts.none(), false, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        expect.agreed(NOW);
        assertThat(expect.attempts()).isEqualTo(2);
        expect.ended(S2, "FAILED_COMMIT", false, AgentAmounts.none(), true, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.FAILED_COMMIT);
        assertThat(expect.conversation()).contains(S2);
        assertThatThrownBy(() -> expect.agreed(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> expect.readyToReceive(USD_5, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void successIsDoneAndFinal() {
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT, USD_5);
        expect.agreed(NOW);
        expect.ended(S1, "RECEIVED", true, USD_5, false, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.DONE);
        assertThat(expect.state().isOpen()).isFalse();
        assertThatThrownBy(() -> expect.ended(S1, "RECEIVED", true, USD_5, false, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> item(AgentWorkItem.Direction.PAY, AgentAmounts.none())).isInstanceOf(IllegalArgumentException.class);
    }
}
