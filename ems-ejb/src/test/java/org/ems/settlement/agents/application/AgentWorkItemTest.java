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
 * new agreement, at most {@link WorkState#MAX_ATTEMPTS} attempts, then FAILED and visible; a failed
 * commit at the receiver is kept as such, never retried), and which moves are refused.
 */
class AgentWorkItemTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ConversationId SESSION = ConversationId.parse("00000000000000000000000000000001");
    private static final ConversationId S1 = ConversationId.parse("00000000000000000000000000000011");
    private static final ConversationId S2 = ConversationId.parse("00000000000000000000000000000012");
    private static final ConversationId S3 = ConversationId.parse("00000000000000000000000000000013");
    private static final AgentAmounts USD_5 = AgentAmounts.of(Money.of(CurrencyCode.of("USD"), 500));

    private static AgentWorkItem item(AgentWorkItem.Direction direction) {
        return new AgentWorkItem(new AgentId("A"), "C1", TransferRef.of(TransferRef.Kind.IN, new AgentId("A")).part(1), 1, direction,
                new AgentId("MSA1"), SESSION, USD_5, NOW);
    }

    @Test
    void aPayerRetriesAfterAFailedSettlementOnlyWhenTheReceiverAgreesAgainAndGivesUpAfterThreeAttempts() {
        AgentWorkItem pay = item(AgentWorkItem.Direction.PAY);
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.readyToReceive(NOW)).isTrue();
        pay.settling(S1, NOW);
        pay.ended(S1, "TIMED_OUT", false, false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.AWAITING_READY);
        assertThat(pay.lastOutcome()).contains("TIMED_OUT");
        // the receiver's new READY arrives before the payer's own attempt has ended: kept for the next attempt
        pay.readyToReceive(NOW);
        pay.settling(S2, NOW);
        assertThat(pay.readyToReceive(NOW)).isTrue();
        pay.ended(S2, "ABORTED_BY_PEER", false, false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.READY);
        pay.settling(S3, NOW);
        pay.ended(S3, "AMOUNTS_REFUSED", false, false, NOW);
        assertThat(pay.state()).isEqualTo(WorkState.FAILED);
        assertThat(pay.attempts()).isEqualTo(WorkState.MAX_ATTEMPTS);
        assertThat(pay.readyToReceive(NOW)).isFalse();
        assertThatThrownBy(() -> pay.settling(S1, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReceiverAgreesAgainAfterAFailureButKeepsAFailedCommit() {
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        expect.agreed(NOW);
        expect.ended(S1, "TIMED_OUT", false, false, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.PENDING);
        expect.agreed(NOW);
        assertThat(expect.attempts()).isEqualTo(2);
        expect.ended(S2, "FAILED_COMMIT", false, true, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.FAILED_COMMIT);
        assertThat(expect.conversation()).contains(S2);
        assertThatThrownBy(() -> expect.agreed(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> expect.readyToReceive(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void successIsDoneAndFinal() {
        AgentWorkItem expect = item(AgentWorkItem.Direction.EXPECT);
        expect.agreed(NOW);
        expect.ended(S1, "RECEIVED", true, false, NOW);
        assertThat(expect.state()).isEqualTo(WorkState.DONE);
        assertThat(expect.state().isOpen()).isFalse();
        assertThatThrownBy(() -> expect.ended(S1, "RECEIVED", true, false, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AgentWorkItem(new AgentId("A"), "C1", TransferRef.of(TransferRef.Kind.IN, new AgentId("A")).part(1),
                1, AgentWorkItem.Direction.PAY, new AgentId("MSA1"), SESSION, AgentAmounts.none(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
