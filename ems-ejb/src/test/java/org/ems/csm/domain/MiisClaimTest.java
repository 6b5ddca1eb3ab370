package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.csm.domain.CsmFixtures.CSM;
import static org.ems.csm.domain.CsmFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.usd;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.protocol.LoggedNote;
import org.junit.jupiter.api.Test;

class MiisClaimTest {

    private static final MiisClaim FILED = MiisClaim.filed(new ClaimId(5, 6), ClaimKind.LOST_MODULE, "Jane Subscriber", A.id(), CSM.id(),
            NOW, List.of(LoggedNote.of(NoteFixtures.withdrawnBy(A, 1200)), LoggedNote.of(NoteFixtures.withdrawnBy(A, 300))));

    @Test
    void aClaimIsInvestigatedThenPaidOrRejected() {
        MiisClaim investigated = FILED.investigate(NOW.plus(Duration.ofDays(1)));
        assertThat(investigated.state()).isEqualTo(ClaimState.UNDER_INVESTIGATION);
        MiisClaim paid = investigated.pay(NOW.plus(Duration.ofDays(30)));
        assertThat(paid.state()).isEqualTo(ClaimState.PAID);
        assertThat(paid.stateSince()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        MiisClaim rejected = investigated.reject(NOW.plus(Duration.ofDays(30)), "claimed notes deposited");
        assertThat(rejected.state()).isEqualTo(ClaimState.REJECTED);
        assertThat(rejected.remark()).contains("claimed notes deposited");
        assertThat(FILED.reject(NOW, "duplicate of another claim").state()).isEqualTo(ClaimState.REJECTED);
        assertThat(FILED.totals()).containsExactly(usd(1500));
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        MiisClaim paid = FILED.investigate(NOW).pay(NOW);
        MiisClaim rejected = FILED.reject(NOW, "fraud");
        assertIllegal(FILED, claim -> claim.pay(NOW));
        assertIllegal(FILED.investigate(NOW), claim -> claim.investigate(NOW));
        assertIllegal(paid, claim -> claim.reject(NOW, "late"));
        assertIllegal(paid, claim -> claim.investigate(NOW));
        assertIllegal(rejected, claim -> claim.investigate(NOW));
        assertIllegal(rejected, claim -> claim.pay(NOW));
        assertThat(FILED.state()).isEqualTo(ClaimState.FILED);
        assertThatThrownBy(() -> FILED.investigate(NOW.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FILED.reject(NOW, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTransitionTableIsExactlyThePatentsLifecycle() {
        for (ClaimState from : ClaimState.values()) {
            for (ClaimState to : ClaimState.values()) {
                boolean legal = (from == ClaimState.FILED && (to == ClaimState.UNDER_INVESTIGATION || to == ClaimState.REJECTED))
                        || (from == ClaimState.UNDER_INVESTIGATION && (to == ClaimState.PAID || to == ClaimState.REJECTED));
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(legal);
            }
        }
    }

    @Test
    void totalsMustAddUpTheItems() {
        assertThatThrownBy(() -> new MiisClaim(FILED.id(), FILED.kind(), FILED.subscriber(), FILED.module(), FILED.csm(), NOW, FILED.items(),
                List.of(usd(1501)), ClaimState.FILED, NOW, java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFilingThatDoesNotDecodeIsRefused() {
        byte[] payload = FILED.filingPayload();
        assertThat(MiisClaim.fromFiling(payload)).isEqualTo(FILED);
        assertThatThrownBy(() -> MiisClaim.fromFiling(java.util.Arrays.copyOf(payload, payload.length - 3)))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(ClaimRejection.MALFORMED));
    }

    private static void assertIllegal(MiisClaim claim, Function<MiisClaim, MiisClaim> transition) {
        ClaimState before = claim.state();
        assertThatThrownBy(() -> transition.apply(claim)).isInstanceOf(IllegalStateException.class);
        assertThat(claim.state()).isEqualTo(before);
    }
}
