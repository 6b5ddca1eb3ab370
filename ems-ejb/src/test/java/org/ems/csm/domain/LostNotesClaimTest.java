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

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.SignedEnvelope;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteFixtures.Party;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.TransferRecord;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

/** Create Lost Note(s) Claim (figure 21) and Claim Lost Notes for a lost or damaged module (figure 22, steps 2104-2128). */
class LostNotesClaimTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUBSCRIBER = "Jane Subscriber, passport X1234567";

    private final ClaimLostNotes claims = new ClaimLostNotes(CSM, NoteFixtures.validator(NoteFixtures.NO_BAD_IDS), NoteFixtures.verifier());

    /** A holds 50.00 withdrawn, 7.00 from B, and 20.00 left of a 30.00 note after paying C 10.00. */
    private static NoteDirectory directoryOfA() {
        Note partial = NoteFixtures.withdrawnBy(A, 3000);
        HeldNote.Paid paid = HeldNote.received(partial).pay(A.cert(), A.keys().getPrivate(), C.id(), usd(1000), NOW.minus(Duration.ofDays(1)));
        return NoteDirectory.empty()
                .withReceived(NoteFixtures.withdrawnBy(A, 5000))
                .withReceived(NoteFixtures.pay(NoteFixtures.withdrawnBy(B, 700), B, A, 700, 1))
                .withReceived(partial)
                .afterPaying(partial.lastTransferKey(), paid.kept());
    }

    /** One failed commit of 4.00 that C tried to pay A. */
    private static final ConversationId FAILED = new ConversationId(1, 2);

    private static TransactionLog logOfA() {
        Note lost = NoteFixtures.pay(NoteFixtures.withdrawnBy(C, 400), C, A, 400, 1);
        return TransactionLog.empty()
                .append(new LogEntry(LogEntry.Kind.FAILED_COMMIT, LogEntry.Direction.RECEIVED, FAILED, List.of(LoggedNote.of(lost))))
                .append(new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.SENT, new ConversationId(3, 4), List.of()));
    }

    private static LostNotesClaimFile claimOf(Party module, NoteDirectory directory, Instant at) {
        return LostNotesClaimFile.create(module.cert(), module.keys().getPrivate(), 7, directory, logOfA(), ClaimMarks.none(),
                CSM_PARTY.cert(), at, RANDOM);
    }

    private static LostNotesClaimFile claim() {
        return claimOf(A, directoryOfA(), NOW.minus(Duration.ofHours(2)));
    }

    private void assertRejected(LostNotesClaimFile file, ClaimRejection reason) {
        assertRejected(file.encoded(), reason);
    }

    private void assertRejected(byte[] file, ClaimRejection reason) {
        assertThatThrownBy(() -> claims.fileLostModuleClaim(file, SUBSCRIBER, NOW, RANDOM))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void theClaimFileDescribesTheClaimInTheClearAndHidesTheNotes() {
        NoteDirectory directory = directoryOfA();
        LostNotesClaimFile file = claim();

        ClaimDescription description = file.description();
        assertThat(description.claimSequence()).isEqualTo(7);
        assertThat(description.totals()).containsExactly(usd(5000 + 700 + 2000 + 400));
        assertThat(description.moduleCertificate()).isEqualTo(A.cert());
        assertThat(description.recipient()).isEqualTo(CSM.id());
        assertThat(LostNotesClaimFile.decode(file.encoded())).isEqualTo(file);

        byte[] encoded = file.encoded();
        for (HeldNote held : directory.notes()) {
            byte[] signature = held.note().lastRecord().signature();
            assertThat(indexOf(encoded, signature)).as("a note's signature in the clear").isEqualTo(-1);
        }
    }

    @Test
    void failedCommitsAlreadyClaimedAreLeftOut() {
        ClaimMarks marks = ClaimMarks.none().mark(logOfA(), List.of(FAILED), new ClaimId(9, 9), NOW.minus(Duration.ofDays(1)));
        LostNotesClaimFile file = LostNotesClaimFile.create(A.cert(), A.keys().getPrivate(), 8, directoryOfA(), logOfA(), marks,
                CSM_PARTY.cert(), NOW, RANDOM);
        assertThat(file.description().totals()).containsExactly(usd(5000 + 700 + 2000));
    }

    @Test
    void aModuleWithNothingToClaimMakesNoClaim() {
        assertThatThrownBy(() -> LostNotesClaimFile.create(A.cert(), A.keys().getPrivate(), 1, NoteDirectory.empty(),
                TransactionLog.empty(), ClaimMarks.none(), CSM_PARTY.cert(), NOW, RANDOM))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(ClaimRejection.NOTHING_CLAIMED));
    }

    @Test
    void theCsmFilesAValidClaimWithTheMiis() {
        LostNotesClaimFile file = claim();
        ClaimLostNotes.Filed filed = claims.fileLostModuleClaim(file.encoded(), SUBSCRIBER, NOW, RANDOM);

        MiisClaim claim = filed.claim();
        assertThat(claim.kind()).isEqualTo(ClaimKind.LOST_MODULE);
        assertThat(claim.state()).isEqualTo(ClaimState.FILED);
        assertThat(claim.module()).isEqualTo(A.id());
        assertThat(claim.csm()).isEqualTo(CSM.id());
        assertThat(claim.subscriber()).isEqualTo(SUBSCRIBER);
        assertThat(claim.totals()).isEqualTo(file.description().totals());
        assertThat(claim.items()).extracting(LoggedNote::amount).containsExactlyInAnyOrder(usd(5000), usd(700), usd(2000), usd(400));
        assertThat(filed.filing().isSignedBy(CSM_PARTY.keys().getPublic())).isTrue();
        assertThat(MiisClaim.fromFiling(filed.filing().payload())).isEqualTo(claim);
    }

    @Test
    void anExpiredNoteIsStillClaimed() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(A, 900, NOW.minus(Duration.ofDays(1))));
        LostNotesClaimFile file = claimOf(A, directory, NOW);
        assertThat(claims.fileLostModuleClaim(file, SUBSCRIBER, NOW, RANDOM).claim().totals()).containsExactly(usd(900 + 400));
    }

    @Test
    void refusesATruncatedOrExtendedClaimFile() {
        byte[] encoded = claim().encoded();
        for (int length : new int[] {0, 3, 4, 20, 100, encoded.length / 2, encoded.length - 1}) {
            assertRejected(Arrays.copyOf(encoded, length), ClaimRejection.MALFORMED);
        }
        assertRejected(Arrays.copyOf(encoded, encoded.length + 1), ClaimRejection.MALFORMED);
    }

    @Test
    void refusesATamperedSealedPart() {
        LostNotesClaimFile file = claim();
        byte[] content = file.sealedContent();
        content[content.length - 40] ^= 1;
        assertRejected(new LostNotesClaimFile(file.description(), file.sealedKey(), content), ClaimRejection.MALFORMED);
        byte[] key = file.sealedKey();
        key[key.length - 1] ^= 1;
        assertRejected(new LostNotesClaimFile(file.description(), key, file.sealedContent()), ClaimRejection.MALFORMED);
        byte[] encoded = file.encoded();
        encoded[encoded.length - 100] ^= 1;
        assertRejected(encoded, ClaimRejection.MALFORMED);
    }

    @Test
    void refusesADescriptionChangedInTheClear() {
        LostNotesClaimFile file = claim();
        ClaimDescription d = file.description();
        ClaimDescription moreMoney = new ClaimDescription(d.claimSequence(), List.of(usd(900_000)), d.moduleCertificate(), d.recipient(),
                d.createdAt());
        assertRejected(new LostNotesClaimFile(moreMoney, file.sealedKey(), file.sealedContent()), ClaimRejection.DESCRIPTION_MISMATCH);
        ClaimDescription otherNumber = new ClaimDescription(d.claimSequence() + 1, d.totals(), d.moduleCertificate(), d.recipient(),
                d.createdAt());
        assertRejected(new LostNotesClaimFile(otherNumber, file.sealedKey(), file.sealedContent()), ClaimRejection.DESCRIPTION_MISMATCH);
    }

    @Test
    void refusesAClaimUnderAnotherModulesCertificate() {
        LostNotesClaimFile file = claim();
        ClaimDescription d = file.description();
        ClaimDescription asB = new ClaimDescription(d.claimSequence(), d.totals(), B.cert(), d.recipient(), d.createdAt());
        assertRejected(new LostNotesClaimFile(asB, file.sealedKey(), file.sealedContent()), ClaimRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesAClaimSealedToAnotherCsm() {
        ClaimLostNotes other = new ClaimLostNotes(CsmFixtures.OTHER_CSM, NoteFixtures.validator(NoteFixtures.NO_BAD_IDS),
                NoteFixtures.verifier());
        assertThatThrownBy(() -> other.fileLostModuleClaim(claim().encoded(), SUBSCRIBER, NOW, RANDOM))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(ClaimRejection.NOT_FOR_THIS_CSM));
    }

    @Test
    void refusesAnInvalidModuleCertificate() {
        KeyPair roguePss = Crypto.generateKeyPair(KeyLength.P521, NoteFixtures.RANDOM);
        ModuleId roguePssId = NoteFixtures.SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 9);
        Certificate rogueSs = CertificateIssuer.certifySecurityServer(roguePssId, roguePss.getPrivate(), NoteFixtures.SS_ID,
                NoteFixtures.SS_KEYS.getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES, NoteFixtures.SCHEME);
        Certificate rogueA = CertificateIssuer.certifyModule(rogueSs, NoteFixtures.SS_KEYS.getPrivate(), A.id(), ModuleRole.TRANSACTION,
                A.keys().getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES, NoteFixtures.SCHEME);
        assertRejected(claimOf(new Party(A.id(), rogueA, A.keys()), directoryOfA(), NOW), ClaimRejection.MODULE_CERTIFICATE_INVALID);
    }

    @Test
    void refusesABadListedModule() {
        ClaimLostNotes listing = new ClaimLostNotes(CSM, CsmFixtures.validatorBadListing(A.id()), NoteFixtures.verifier());
        assertThatThrownBy(() -> listing.fileLostModuleClaim(claim().encoded(), SUBSCRIBER, NOW, RANDOM))
                .isInstanceOfSatisfying(ClaimRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClaimRejection.MODULE_CERTIFICATE_INVALID));
    }

    @Test
    void refusesAClaimMadeAfterTheModuleCertificateExpired() {
        LostNotesClaimFile late = claimOf(A, directoryOfA(), NoteFixtures.CERT_EXPIRES.plusSeconds(1));
        assertRejected(late, ClaimRejection.MODULE_CERTIFICATE_INVALID);
    }

    @Test
    void refusesATamperedNote() {
        Note genuine = NoteFixtures.pay(NoteFixtures.withdrawnBy(B, 700), B, A, 700, 1);
        TransferRecord last = genuine.lastRecord();
        byte[] signature = last.signature();
        signature[signature.length - 1] ^= 1;
        TransferRecord forged = new TransferRecord(last.transferorId(), last.transfereeId(), last.amount(), last.at(), last.sequence(),
                signature);
        Note tampered = NoteFixtures.withRecord(genuine, genuine.records().size() - 1, forged);
        NoteDirectory directory = NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(A, 100)).withReceived(tampered);
        assertNoteRejected(claimOf(A, directory, NOW), NoteRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesANoteHeldByAnotherModule() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(B, 100));
        assertNoteRejected(claimOf(A, directory, NOW), NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesANoteWithAnInvalidCertificate() {
        Note note = NoteFixtures.withCertificate(NoteFixtures.withdrawnBy(A, 100), 1, NoteFixtures.GENERATOR.cert());
        assertNoteRejected(claimOf(A, NoteDirectory.empty().withReceived(note), NOW), NoteRejection.CERTIFICATE_INVALID);
    }

    private void assertNoteRejected(LostNotesClaimFile file, NoteRejection cause) {
        assertThatThrownBy(() -> claims.fileLostModuleClaim(file.encoded(), SUBSCRIBER, NOW, RANDOM))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClaimRejection.NOTE_INVALID);
                    assertThat(e.getCause()).isInstanceOfSatisfying(NoteRejectedException.class,
                            n -> assertThat(n.reason()).isEqualTo(cause));
                });
    }

    @Test
    void refusesInconsistentTransferAmounts() {
        Note base = NoteFixtures.withdrawnBy(B, 1000);
        NoteDirectory duplicated = NoteDirectory.empty()
                .withReceived(NoteFixtures.pay(base, B, A, 1000, 1))
                .withReceived(NoteFixtures.pay(base, B, A, 1000, 2));
        assertRejected(claimOf(A, duplicated, NOW), ClaimRejection.AMOUNT_INCONSISTENT);
    }

    @Test
    void refusesARemainingValueAboveWhatWasReceivedOrNotPositive() {
        Note note = NoteFixtures.withdrawnBy(A, 1000);
        for (Money remaining : List.of(usd(1001), usd(0), usd(-5))) {
            ClaimPacket packet = new ClaimPacket(3, A.id(), NOW, List.of(new ClaimedNote(note, remaining)), List.of());
            LostNotesClaimFile file = LostNotesClaimFile.seal(packet, A.cert(), A.keys().getPrivate(), CSM_PARTY.cert(), RANDOM);
            assertRejected(file, ClaimRejection.AMOUNT_INCONSISTENT);
        }
    }

    @Test
    void refusesAPacketOfAnotherModuleSignedByTheClaimant() {
        ClaimPacket packet = new ClaimPacket(3, B.id(), NOW, List.of(ClaimedNote.of(HeldNote.received(NoteFixtures.withdrawnBy(B, 100)))),
                List.of());
        LostNotesClaimFile file = LostNotesClaimFile.seal(packet, A.cert(), A.keys().getPrivate(), CSM_PARTY.cert(), RANDOM);
        assertRejected(file, ClaimRejection.DESCRIPTION_MISMATCH);
    }

    @Test
    void theModulesSignatureCoversThePacket() {
        ClaimPacket packet = new ClaimPacket(3, A.id(), NOW, List.of(ClaimedNote.of(HeldNote.received(NoteFixtures.withdrawnBy(A, 100)))),
                List.of());
        LostNotesClaimFile signedByB = LostNotesClaimFile.seal(packet, A.cert(), B.keys().getPrivate(), CSM_PARTY.cert(), RANDOM);
        assertRejected(signedByB, ClaimRejection.BAD_SIGNATURE);
        assertThat(SignedEnvelope.sign(packet.encoded(), A.keys().getPrivate()).isSignedBy(A.keys().getPublic())).isTrue();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
