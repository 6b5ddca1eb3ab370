package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.ROGUE;
import static org.ems.money.domain.NoteFixtures.TELLER;
import static org.ems.money.domain.NoteFixtures.usd;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.security.KeyPair;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

class NoteVerifierTest {

    private final NoteVerifier verifier = NoteFixtures.verifier();

    /** A withdrew 50.00 and paid B 12.00 of it. */
    private static Note paidToB() {
        return NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, B, 1200, 1);
    }

    @Test
    void acceptsAValidPaymentOfSeveralNotes() {
        Note first = paidToB();
        Note second = NoteFixtures.pay(NoteFixtures.withdrawnBy(C, 700), C, B, 700, 1);
        assertThatCode(() -> verifier.verifyPayment(List.of(first, second), usd(1900), B.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).doesNotThrowAnyException();
    }

    @Test
    void acceptsAWithdrawalFromTheTellerAndADepositBack() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        assertAccepted(withdrawn, A.id(), ModuleRole.TRANSACTION);
        Note deposited = NoteFixtures.pay(withdrawn, A, TELLER, 5000, 1);
        assertAccepted(deposited, TELLER.id(), ModuleRole.TELLER);
    }

    @Test
    void refusesAGeneratorCertificateOfAnotherRole() {
        Note note = NoteFixtures.withCertificate(paidToB(), 0, TELLER.cert());
        assertRejected(note, NoteRejection.CERTIFICATE_INVALID);
    }

    @Test
    void refusesATransferByAModuleThatHoldsNoNotes() {
        NoteFixtures.Party service = NoteFixtures.party(ModuleRole.CUSTOMER_SERVICE, 10_000_000);
        Note note = NoteFixtures.withCertificate(paidToB(), 2, service.cert());
        assertRejected(note, NoteRejection.CERTIFICATE_INVALID);
    }

    @Test
    void refusesACertificateFromOutsideTheHierarchy() {
        KeyPair roguePss = Crypto.generateKeyPair(KeyLength.P521, NoteFixtures.RANDOM);
        ModuleId roguePssId = NoteFixtures.SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 9);
        Certificate rogueSs = CertificateIssuer.certifySecurityServer(roguePssId, roguePss.getPrivate(), NoteFixtures.SS_ID,
                NoteFixtures.SS_KEYS.getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES, NoteFixtures.SCHEME);
        Certificate rogueA = CertificateIssuer.certifyModule(rogueSs, NoteFixtures.SS_KEYS.getPrivate(), A.id(), ModuleRole.TRANSACTION,
                A.keys().getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES, NoteFixtures.SCHEME);
        assertRejected(NoteFixtures.withCertificate(paidToB(), 2, rogueA), NoteRejection.CERTIFICATE_INVALID);
    }

    @Test
    void refusesASecurityServerCertificateAsATransferors() {
        assertRejected(NoteFixtures.withCertificate(paidToB(), 2, NoteFixtures.SS_CERT), NoteRejection.CERTIFICATE_INVALID);
    }

    @Test
    void refusesATransferMadeBeforeTheTransferorWasCertified() {
        NoteFixtures.Party late = NoteFixtures.party(ModuleRole.TRANSACTION, 12_000_010, NOW.minus(Duration.ofDays(1)),
                NoteFixtures.CERT_EXPIRES);
        Note toLate = NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, late, 5000, 1);
        Note note = NoteFixtures.pay(toLate, late, B, 5000, 1);
        assertRejected(note, usd(5000), B.id(), ModuleRole.TRANSACTION, NoteRejection.CERTIFICATE_INVALID);
    }

    @Test
    void refusesACertificateWhoseSubjectIsNotTheTransferor() {
        Note note = NoteFixtures.withCertificate(paidToB(), 2, C.cert());
        assertRejected(note, NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesATransferByAModuleThatDidNotReceiveTheNote() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note note = NoteFixtures.appendForged(withdrawn, C, C.id(), B.id(), usd(1200), NOW.minus(Duration.ofDays(1)), 1);
        assertRejected(note, NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesANoteTransferredToSomeoneElse() {
        assertRejected(paidToB(), usd(1200), C.id(), ModuleRole.TRANSACTION, NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesAFirstTransferNotByTheBodysGenerator() {
        Note note = paidToB();
        TransferRecord first = note.records().get(0);
        Note changed = NoteFixtures.withRecord(note, 0, new TransferRecord(C.id(), first.transfereeId(), first.amount(),
                first.at(), first.sequence(), first.signature()));
        assertRejected(changed, NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesATransferDatedBeforeTheOneItContinues() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note note = NoteFixtures.appendForged(withdrawn, A, A.id(), B.id(), usd(1200), NoteFixtures.ISSUED_AT, 1);
        assertRejected(note, NoteRejection.DATES_INCONSISTENT);
    }

    @Test
    void refusesARaisedAmountInARecord() {
        Note note = paidToB();
        TransferRecord last = note.lastRecord();
        Note raised = NoteFixtures.withRecord(note, 2, new TransferRecord(last.transferorId(), last.transfereeId(), usd(6000),
                last.at(), last.sequence(), last.signature()));
        assertRejected(raised, usd(6000), B.id(), ModuleRole.TRANSACTION, NoteRejection.AMOUNT_INCONSISTENT);
    }

    @Test
    void refusesAFirstTransferOfLessThanTheWholeNote() {
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT),
                TELLER.id());
        TransferRecord first = issued.lastRecord();
        Note lowered = NoteFixtures.withRecord(issued, 0, new TransferRecord(first.transferorId(), first.transfereeId(),
                usd(4000), first.at(), first.sequence(), first.signature()));
        assertRejected(lowered, usd(4000), TELLER.id(), ModuleRole.TELLER, NoteRejection.AMOUNT_INCONSISTENT);
    }

    @Test
    void aNewNoteGoesFromItsGeneratorToATellerOnly() {
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT),
                TELLER.id());
        assertAccepted(issued, TELLER.id(), ModuleRole.TELLER);
        Note toA = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT), A.id());
        assertRejected(toA, usd(5000), A.id(), ModuleRole.TRANSACTION, NoteRejection.ID_MISMATCH);
    }

    @Test
    void refusesTwoTransfersOutOfOneNodeThatExceedWhatItReceived() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note first = NoteFixtures.pay(withdrawn, A, B, 3000, 1);
        Note second = NoteFixtures.pay(withdrawn, A, B, 3000, 2);
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(first, second), usd(6000), B.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).satisfies(e -> assertReason(e, NoteRejection.AMOUNT_INCONSISTENT));
    }

    @Test
    void refusesAWrongTotal() {
        assertRejected(paidToB(), usd(1201), B.id(), ModuleRole.TRANSACTION, NoteRejection.WRONG_TOTAL);
        assertRejected(paidToB(), Money.of(CurrencyCode.of("EUR"), 1200), B.id(), ModuleRole.TRANSACTION, NoteRejection.WRONG_TOTAL);
    }

    @Test
    void aTransactionModuleRefusesAnExpiredNoteButATellerTakesItBack() {
        Instant expiry = NOW.minus(Duration.ofDays(1));
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000, expiry);
        Note toB = NoteFixtures.pay(withdrawn, A, B, 5000, 1);
        assertRejected(toB, usd(5000), B.id(), ModuleRole.TRANSACTION, NoteRejection.EXPIRED);
        Note deposited = NoteFixtures.pay(withdrawn, A, TELLER, 5000, 1);
        assertAccepted(deposited, TELLER.id(), ModuleRole.TELLER);
    }

    @Test
    void expiryIsCheckedBeforeSignatures() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000, NOW.minus(Duration.ofDays(1)));
        Note forged = NoteFixtures.appendForged(withdrawn, C, A.id(), B.id(), usd(5000), NOW.minus(Duration.ofDays(2)), 1);
        Note note = NoteFixtures.withCertificate(forged, 2, A.cert());
        assertRejected(note, usd(5000), B.id(), ModuleRole.TRANSACTION, NoteRejection.EXPIRED);
    }

    @Test
    void refusesABadListedTransferee() {
        NoteVerifier listing = NoteFixtures.verifierBadListing(B.id());
        assertThatThrownBy(() -> listing.verifyPayment(List.of(paidToB()), usd(1200), B.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).satisfies(e -> assertReason(e, NoteRejection.BAD_LISTED));
    }

    @Test
    void refusesABadListedTransferor() {
        Note viaRogue = NoteFixtures.pay(NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, ROGUE, 5000, 1), ROGUE, B, 5000, 1);
        NoteVerifier listing = NoteFixtures.verifierBadListing(ROGUE.id());
        assertThatThrownBy(() -> listing.verifyPayment(List.of(viaRogue), usd(5000), B.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).satisfies(e -> assertReason(e, NoteRejection.BAD_LISTED));
    }

    @Test
    void refusesAForgedGeneratorSignature() {
        Note note = paidToB();
        byte[] forged = Crypto.sign(TELLER.keys().getPrivate(), note.body().encoded());
        Note forgedNote = new Note(note.body(), forged, note.records(), note.certificates());
        assertRejected(forgedNote, NoteRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedRecordWhoseAmountStillAddsUp() {
        Note note = paidToB();
        TransferRecord last = note.lastRecord();
        Note tampered = NoteFixtures.withRecord(note, 2, new TransferRecord(last.transferorId(), last.transfereeId(), usd(1300),
                last.at(), last.sequence(), last.signature()));
        assertRejected(tampered, usd(1300), B.id(), ModuleRole.TRANSACTION, NoteRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesAnEarlierRecordChangedUnderALaterSignature() {
        Note note = paidToB();
        TransferRecord teller = note.records().get(1);
        Note tampered = NoteFixtures.withRecord(note, 1, new TransferRecord(teller.transferorId(), teller.transfereeId(),
                teller.amount(), teller.at().plusSeconds(1), teller.sequence(), teller.signature()));
        assertRejected(tampered, NoteRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesATransferSignedByAnotherKey() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note forged = NoteFixtures.appendForged(withdrawn, C, A.id(), B.id(), usd(1200), NOW.minus(Duration.ofDays(1)), 1);
        Note note = NoteFixtures.withCertificate(forged, 2, A.cert());
        assertRejected(note, NoteRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesATransferThePayeeAlreadyReceived() {
        Note note = paidToB();
        NoteHistory received = key -> key.equals(note.lastTransferKey());
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(note), usd(1200), B.id(), ModuleRole.TRANSACTION, NOW, received))
                .satisfies(e -> assertReason(e, NoteRejection.DUPLICATE));
    }

    @Test
    void aResetSequenceNumberIsCaughtAsADuplicate() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note first = NoteFixtures.pay(withdrawn, A, B, 1000, 1);
        Note again = withdrawn.transfer(A.cert(), A.keys().getPrivate(), B.id(), usd(900), NOW.minus(Duration.ofHours(1)), 1);
        NoteHistory received = key -> key.equals(first.lastTransferKey());
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(again), usd(900), B.id(), ModuleRole.TRANSACTION, NOW, received))
                .satisfies(e -> assertReason(e, NoteRejection.DUPLICATE));
    }

    @Test
    void refusesTheSameNoteTwiceInOnePayment() {
        Note note = paidToB();
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(note, note), usd(2400), B.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).satisfies(e -> assertReason(e, NoteRejection.DUPLICATE));
    }

    @Test
    void aNoteComingBackAlongANewBranchIsNoDuplicate() {
        Note toB = NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, B, 1000, 1);
        Note backToA = NoteFixtures.pay(toB, B, A, 1000, 1);
        NoteHistory aReceivedTheWithdrawal = key -> key.equals(NoteFixtures.withdrawnBy(A, 1).lastTransferKey());
        assertThatCode(() -> verifier.verifyPayment(List.of(backToA), usd(1000), A.id(), ModuleRole.TRANSACTION, NOW,
                aReceivedTheWithdrawal)).doesNotThrowAnyException();
    }

    @Test
    void refusesAPacketOverTheNoteLimit() {
        Note note = paidToB();
        List<Note> many = Collections.nCopies(NoteVerifier.MAX_NOTES_PER_PAYMENT + 1, note);
        assertThatThrownBy(() -> verifier.verifyPayment(many, usd(1200), B.id(), ModuleRole.TRANSACTION, NOW, NoteHistory.empty()))
                .satisfies(e -> assertReason(e, NoteRejection.TOO_MANY_NOTES));
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(), usd(0), B.id(), ModuleRole.TRANSACTION, NOW, NoteHistory.empty()))
                .satisfies(e -> assertReason(e, NoteRejection.TOO_MANY_NOTES));
    }

    @Test
    void aDecodedNoteVerifiesLikeTheOriginal() {
        assertAccepted(Note.decode(paidToB().encoded()), B.id(), ModuleRole.TRANSACTION);
    }

    private void assertAccepted(Note note, ModuleId payee, ModuleRole role) {
        assertThatCode(() -> verifier.verifyPayment(List.of(note), note.receivedAmount(), payee, role, NOW, NoteHistory.empty()))
                .doesNotThrowAnyException();
    }

    private void assertRejected(Note note, NoteRejection reason) {
        assertRejected(note, note.receivedAmount(), B.id(), ModuleRole.TRANSACTION, reason);
    }

    private void assertRejected(Note note, Money total, ModuleId payee, ModuleRole role, NoteRejection reason) {
        assertThatThrownBy(() -> verifier.verifyPayment(List.of(note), total, payee, role, NOW, NoteHistory.empty()))
                .satisfies(e -> assertReason(e, reason));
    }

    private static void assertReason(Throwable e, NoteRejection reason) {
        assertThat(e).isInstanceOf(NoteRejectedException.class);
        assertThat(((NoteRejectedException) e).reason()).as(e.getMessage()).isEqualTo(reason);
    }
}
