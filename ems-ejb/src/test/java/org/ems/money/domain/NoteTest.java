package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.ISSUED_AT;
import static org.ems.money.domain.NoteFixtures.TELLER;
import static org.ems.money.domain.NoteFixtures.usd;

import java.util.Arrays;
import java.util.Optional;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.junit.jupiter.api.Test;

class NoteTest {

    @Test
    void issueSignsTheBodyAndTransfersTheWholeNoteToTheTeller() {
        NoteBody body = NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT);
        Note note = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), body, TELLER.id());

        assertThat(note.records()).hasSize(1);
        TransferRecord first = note.lastRecord();
        assertThat(first.transferorId()).isEqualTo(GENERATOR.id());
        assertThat(first.transfereeId()).isEqualTo(TELLER.id());
        assertThat(first.amount()).isEqualTo(usd(5000));
        assertThat(first.at()).isEqualTo(ISSUED_AT);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(note.holder()).isEqualTo(TELLER.id());
        assertThat(note.certificates()).containsExactly(GENERATOR.cert());
    }

    @Test
    void issueRefusesAnotherGeneratorsBody() {
        NoteBody body = NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT);
        assertThatThrownBy(() -> Note.issue(TELLER.cert(), TELLER.keys().getPrivate(), body, TELLER.id()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transferAppendsOneSignedRecordAndTheTransferorsCertificate() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        Note paid = NoteFixtures.pay(withdrawn, A, B, 1200, 1);

        assertThat(paid.records()).hasSize(3);
        assertThat(paid.holder()).isEqualTo(B.id());
        assertThat(paid.receivedAmount()).isEqualTo(usd(1200));
        assertThat(paid.certificates()).containsExactly(GENERATOR.cert(), TELLER.cert(), A.cert());
        assertThat(withdrawn.records()).hasSize(2);
    }

    @Test
    void onlyTheHolderTransfersAndNeverMoreThanItReceived() {
        Note withdrawn = NoteFixtures.withdrawnBy(A, 5000);
        assertThatThrownBy(() -> NoteFixtures.pay(withdrawn, B, C, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteFixtures.pay(withdrawn, A, B, 5001, 1)).isInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> NoteFixtures.pay(withdrawn, A, B, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withdrawn.transfer(A.cert(), A.keys().getPrivate(), B.id(), usd(1), ISSUED_AT, 1))
                .hasMessageContaining("predate");
        assertThatThrownBy(() -> withdrawn.transfer(A.cert(), A.keys().getPrivate(), B.id(),
                Money.of(CurrencyCode.of("EUR"), 1), ISSUED_AT.plusSeconds(3600), 1)).isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void heldNotePaysPartsAndKeepsTheRestWithTheNextSequenceNumber() {
        HeldNote held = HeldNote.received(NoteFixtures.withdrawnBy(A, 5000));
        HeldNote.Paid first = held.pay(A.cert(), A.keys().getPrivate(), B.id(), usd(1000), ISSUED_AT.plusSeconds(3600));
        assertThat(first.sent().lastRecord().sequence()).isEqualTo(1);
        HeldNote kept = first.kept().orElseThrow();
        assertThat(kept.remaining()).isEqualTo(usd(4000));
        assertThat(kept.nextSequence()).isEqualTo(2);

        HeldNote.Paid second = kept.pay(A.cert(), A.keys().getPrivate(), C.id(), usd(4000), ISSUED_AT.plusSeconds(7200));
        assertThat(second.sent().lastRecord().sequence()).isEqualTo(2);
        assertThat(second.kept()).isEmpty();
    }

    @Test
    void heldNoteRefusesMoreThanRemains() {
        HeldNote.Paid first = HeldNote.received(NoteFixtures.withdrawnBy(A, 5000))
                .pay(A.cert(), A.keys().getPrivate(), B.id(), usd(3000), ISSUED_AT.plusSeconds(3600));
        HeldNote kept = first.kept().orElseThrow();
        assertThatThrownBy(() -> kept.pay(A.cert(), A.keys().getPrivate(), C.id(), usd(2001), ISSUED_AT.plusSeconds(7200)))
                .isInstanceOfSatisfying(InsufficientFundsException.class, e -> {
                    assertThat(e.available()).isEqualTo(usd(2000));
                    assertThat(e.requested()).isEqualTo(usd(2001));
                });
        assertThatThrownBy(() -> new HeldNote(kept.note(), usd(5001), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodingRoundTrips() {
        Note note = NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, B, 1200, 1);
        Note decoded = Note.decode(note.encoded());
        assertThat(decoded).isEqualTo(note);
        assertThat(decoded.records()).isEqualTo(note.records());
        assertThat(decoded.lastTransferKey()).isEqualTo(note.lastTransferKey());
    }

    @Test
    void malformedBytesAreRefusedAsMalformed() {
        byte[] encoded = NoteFixtures.withdrawnBy(A, 5000).encoded();
        assertMalformed(Arrays.copyOf(encoded, encoded.length - 1));
        assertMalformed(Arrays.copyOf(encoded, encoded.length + 1));
        assertMalformed(new byte[] {1, 2, 3});
        assertMalformed(new byte[NoteCodec.MAX_ENCODED_BYTES + 1]);
        byte[] flipped = encoded.clone();
        flipped[12] ^= 0x7F; // inside the body's length prefix
        assertMalformed(flipped);
    }

    @Test
    void aHistoryOverTheLimitIsRefusedBeforeItIsRead() {
        Note note = NoteFixtures.withdrawnBy(A, 5000);
        byte[] tooLong = new CanonicalWriter(Purpose.NOTE).putInt(NoteCodec.FORMAT_VERSION).putBytes(note.body().encoded())
                .putBytes(note.bodySignature()).putInt(Note.MAX_TRANSFERS + 1).toBytes();
        assertThatThrownBy(() -> Note.decode(tooLong)).isInstanceOfSatisfying(NoteRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteRejection.TOO_MANY_TRANSFERS));
    }

    @Test
    void aNoteAtTheLimitCannotBeTransferredAgain() {
        Note note = NoteFixtures.withdrawnBy(A, 5000);
        NoteFixtures.Party from = A;
        NoteFixtures.Party to = B;
        while (note.records().size() < Note.MAX_TRANSFERS) {
            note = NoteFixtures.pay(note, from, to, 5000, 1);
            NoteFixtures.Party swap = from;
            from = to;
            to = swap;
        }
        Note full = note;
        NoteFixtures.Party holder = from;
        assertThat(Note.decode(full.encoded())).isEqualTo(full);
        assertThatThrownBy(() -> NoteFixtures.pay(full, holder, C, 1, 1)).isInstanceOfSatisfying(NoteRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteRejection.TOO_MANY_TRANSFERS));
        assertThat(Optional.of(full.encoded().length)).get().satisfies(length -> assertThat(length).isLessThan(NoteCodec.MAX_ENCODED_BYTES));
    }

    @Test
    void noteBodyValidatesAndRoundTrips() {
        NoteBody body = NoteFixtures.body(5000, NoteFixtures.EXPIRES_AT);
        assertThat(NoteBody.decode(body.encoded())).isEqualTo(body);
        assertThatThrownBy(() -> new NoteBody(body.noteId(), body.generatorId(), "", ISSUED_AT, NoteFixtures.EXPIRES_AT,
                usd(1), NoteType.CURRENCY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteBody(body.noteId(), body.generatorId(), "B", ISSUED_AT, ISSUED_AT, usd(1),
                NoteType.CURRENCY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteBody(body.noteId(), body.generatorId(), "B", ISSUED_AT, NoteFixtures.EXPIRES_AT,
                usd(0), NoteType.CREDIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteBody(body.noteId(), body.generatorId(), "B", ISSUED_AT.plusNanos(1),
                NoteFixtures.EXPIRES_AT, usd(1), NoteType.CREDIT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMalformed(byte[] bytes) {
        assertThatThrownBy(() -> Note.decode(bytes)).isInstanceOfSatisfying(NoteRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteRejection.MALFORMED));
    }
}
