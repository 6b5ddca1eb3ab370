package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.csm.domain.CsmFixtures.BANK;
import static org.ems.csm.domain.CsmFixtures.CHECKING;
import static org.ems.csm.domain.CsmFixtures.CSM;
import static org.ems.csm.domain.CsmFixtures.CSM_PARTY;
import static org.ems.csm.domain.CsmFixtures.MODULE;
import static org.ems.csm.domain.CsmFixtures.NOW;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;

/** Any single changed byte of a signed profile or of a stored claim file is refused with a typed reason, never accepted. */
class CsmTamperingPropertiesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ProfileChecks CHECKS = CsmFixtures.checks();
    private static final byte[] PROFILE = CsmFixtures.profile().encoded();
    private static final ClaimLostNotes CLAIMS = new ClaimLostNotes(CSM, NoteFixtures.validator(NoteFixtures.NO_BAD_IDS),
            NoteFixtures.verifier());
    private static final byte[] CLAIM_FILE = LostNotesClaimFile.create(NoteFixtures.A.cert(), NoteFixtures.A.keys().getPrivate(), 2,
            NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(NoteFixtures.A, 5000))
                    .withReceived(NoteFixtures.pay(NoteFixtures.withdrawnBy(NoteFixtures.B, 700), NoteFixtures.B, NoteFixtures.A, 700, 1)),
            TransactionLog.empty().append(new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED, new ConversationId(4, 4),
                    List.of(LoggedNote.of(NoteFixtures.pay(NoteFixtures.withdrawnBy(NoteFixtures.C, 90), NoteFixtures.C, NoteFixtures.A, 90, 1))))),
            ClaimMarks.none(), CSM_PARTY.cert(), NOW.minus(Duration.ofMinutes(5)), RANDOM).encoded();

    @Property(tries = 300)
    void anySingleByteChangeOfAProfileIsRefused(@ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] changed = PROFILE.clone();
        changed[position % changed.length] ^= (byte) xor;
        assertThatThrownBy(() -> {
            AccountProfile profile = AccountProfile.decode(changed);
            ProfileLink.offer(profile, MODULE.id(), CHECKS, NOW);
            new AccountNumberValidation(CHECKS, BANK).validate(profile, CHECKING, MODULE.id(), NOW, account -> true);
            if (profile.equals(AccountProfile.decode(PROFILE))) {
                throw new AssertionError("a changed byte decoded to the same profile");
            }
        }).isInstanceOf(ProfileRejectedException.class);
    }

    @Property(tries = 60)
    void anySingleByteChangeOfAClaimFileIsRefused(@ForAll @IntRange(min = 0, max = 10_000_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] changed = CLAIM_FILE.clone();
        changed[position % changed.length] ^= (byte) xor;
        assertThatThrownBy(() -> CLAIMS.fileLostModuleClaim(changed, "subscriber", NOW, RANDOM)).isInstanceOf(ClaimRejectedException.class);
    }
}
