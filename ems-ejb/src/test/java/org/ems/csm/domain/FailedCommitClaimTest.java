package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.csm.domain.CsmFixtures.CSM;
import static org.ems.csm.domain.CsmFixtures.CSM_PARTY;
import static org.ems.csm.domain.CsmFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.usd;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;
import org.junit.jupiter.api.Test;

/** Claim Lost Notes for a failed commit with a working module (figure 22, steps 2062-2102). */
class FailedCommitClaimTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUBSCRIBER = "Jane Subscriber, passport X1234567";
    private static final ConversationId FIRST = new ConversationId(10, 1);
    private static final ConversationId SECOND = new ConversationId(10, 2);
    private static final ConversationId PAID = new ConversationId(10, 3);

    private final ClaimLostNotes claims = new ClaimLostNotes(CSM, NoteFixtures.validator(NoteFixtures.NO_BAD_IDS), NoteFixtures.verifier());

    /** Two failed commits (B's 3.00, C's 4.00 + 1.50) and one completed receipt. */
    private static TransactionLog log() {
        return TransactionLog.empty()
                .append(failed(FIRST, NoteFixtures.pay(NoteFixtures.withdrawnBy(B, 300), B, A, 300, 1)))
                .append(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.RECEIVED, PAID,
                        List.of(LoggedNote.of(NoteFixtures.withdrawnBy(A, 100)))))
                .append(new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED, SECOND,
                        List.of(LoggedNote.of(NoteFixtures.pay(NoteFixtures.withdrawnBy(C, 400), C, A, 400, 1)),
                                LoggedNote.of(NoteFixtures.pay(NoteFixtures.withdrawnBy(C, 150), C, A, 150, 1)))));
    }

    private static LogEntry failed(ConversationId conversation, org.ems.money.domain.Note note) {
        return new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED, conversation, List.of(LoggedNote.of(note)));
    }

    private static void assertRejected(ThrowingCallable call, ClaimRejection reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void theSelectedFailedCommitsAreFiledAndMarkedWithTheClaim() {
        TransactionLog log = log();
        ClaimMarks marks = ClaimMarks.none();
        assertThat(FailedCommitClaimRequest.reviewable(log, marks)).extracting(LogEntry::conversation).containsExactly(FIRST, SECOND);

        FailedCommitClaimRequest request = FailedCommitClaimRequest.select(A.id(), log, marks, List.of(SECOND));
        FailedCommitClaimRequest received = FailedCommitClaimRequest.decode(request.encoded());
        assertThat(received).isEqualTo(request);

        ClaimLostNotes.FailedCommitFiled filed = claims.fileFailedCommits(received, A.id(), SUBSCRIBER, NOW, RANDOM);
        MiisClaim claim = filed.filed().claim();
        assertThat(claim.kind()).isEqualTo(ClaimKind.FAILED_COMMIT);
        assertThat(claim.state()).isEqualTo(ClaimState.FILED);
        assertThat(claim.totals()).containsExactly(usd(550));
        assertThat(claim.items()).hasSize(2);
        assertThat(filed.filed().filing().isSignedBy(CSM_PARTY.keys().getPublic())).isTrue();
        assertThat(MiisClaim.fromFiling(filed.filed().filing().payload())).isEqualTo(claim);

        ClaimAcknowledgement ack = ClaimAcknowledgement.decode(filed.acknowledgement().encoded());
        assertThat(ack.claim()).isEqualTo(claim.id());
        ClaimMarks after = ack.markClaimed(marks, log, request);

        assertThat(after.claimedIds()).containsExactly(SECOND);
        assertThat(after.markOf(SECOND).orElseThrow().claim()).isEqualTo(claim.id());
        assertThat(after.markOf(SECOND).orElseThrow().claimedAt()).isEqualTo(NOW);
        assertThat(marks.claimedIds()).isEmpty();
        assertThat(FailedCommitClaimRequest.reviewable(log, after)).extracting(LogEntry::conversation).containsExactly(FIRST);
    }

    @Test
    void noFailedCommitsToClaimIsRefused() {
        TransactionLog none = TransactionLog.empty().append(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.RECEIVED, PAID,
                List.of(LoggedNote.of(NoteFixtures.withdrawnBy(A, 100)))));
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), none, ClaimMarks.none(), List.of(PAID)), ClaimRejection.NO_FAILED_COMMITS);

        ClaimMarks allClaimed = ClaimMarks.none().mark(log(), List.of(FIRST, SECOND), new ClaimId(1, 1), NOW);
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), allClaimed, List.of(FIRST)), ClaimRejection.NO_FAILED_COMMITS);
    }

    @Test
    void anEmptySelectionClaimsNothing() {
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of()), ClaimRejection.NO_FAILED_COMMITS);
    }

    @Test
    void onlyUnclaimedFailedCommitsCanBeSelected() {
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of(PAID)), ClaimRejection.NOT_CLAIMABLE);
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of(new ConversationId(99, 99))),
                ClaimRejection.NOT_CLAIMABLE);
        ClaimMarks firstClaimed = ClaimMarks.none().mark(log(), List.of(FIRST), new ClaimId(1, 1), NOW);
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), firstClaimed, List.of(FIRST, SECOND)),
                ClaimRejection.NOT_CLAIMABLE);
        assertRejected(() -> FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of(FIRST, FIRST)),
                ClaimRejection.NOT_CLAIMABLE);
    }

    @Test
    void aRecordIsMarkedOnceAndAFailedMarkChangesNothing() {
        ClaimMarks once = ClaimMarks.none().mark(log(), List.of(FIRST), new ClaimId(1, 1), NOW);
        assertRejected(() -> once.mark(log(), List.of(SECOND, FIRST), new ClaimId(2, 2), NOW), ClaimRejection.NOT_CLAIMABLE);
        assertThat(once.claimedIds()).isEqualTo(Set.of(FIRST));
        assertThat(once.markOf(FIRST).orElseThrow().claim()).isEqualTo(new ClaimId(1, 1));
        assertRejected(() -> ClaimMarks.none().mark(log(), List.of(PAID), new ClaimId(2, 2), NOW), ClaimRejection.NOT_CLAIMABLE);
    }

    @Test
    void theCsmRefusesARequestFromAnotherModuleThanItsSessionPeer() {
        FailedCommitClaimRequest request = FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of(FIRST));
        assertRejected(() -> claims.fileFailedCommits(request, B.id(), SUBSCRIBER, NOW, RANDOM), ClaimRejection.WRONG_MODULE);
    }

    @Test
    void theCsmRefusesATruncatedOrAlteredRequest() {
        byte[] encoded = FailedCommitClaimRequest.select(A.id(), log(), ClaimMarks.none(), List.of(FIRST, SECOND)).encoded();
        for (int length = 0; length < encoded.length; length += 11) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertRejected(() -> FailedCommitClaimRequest.decode(truncated), ClaimRejection.MALFORMED);
        }
        assertRejected(() -> FailedCommitClaimRequest.decode(Arrays.copyOf(encoded, encoded.length + 1)), ClaimRejection.MALFORMED);
        assertRejected(() -> ClaimAcknowledgement.decode(Arrays.copyOf(encoded, 12)), ClaimRejection.MALFORMED);
    }

    @Test
    void claimIdsHaveAStableTextForm() {
        ClaimId id = ClaimId.random(RANDOM);
        assertThat(ClaimId.parse(id.toString())).isEqualTo(id);
        assertThat(new ClaimId(0, 255).toString()).isEqualTo("000000000000000000000000000000ff");
        assertThatThrownBy(() -> ClaimId.parse("00FF")).isInstanceOf(IllegalArgumentException.class);
    }
}
