package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.protocol.SettleFxFixtures.book;
import static org.ems.money.protocol.SettleFxFixtures.eur;
import static org.ems.money.protocol.SettleFxFixtures.jpy;
import static org.ems.money.protocol.SettleFxFixtures.withdrawn;

import java.util.ArrayList;
import java.util.List;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteType;
import org.ems.money.domain.NoteVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one packet carries of a larger settlement: whole amounts while their notes fit, then the
 * largest notes of the room left, never more than asked, and always a packet {@code settle} takes;
 * and the host's prompt that confirms a part of what it expects.
 */
class SettlementPacketTest {

    private static ModuleBook book;

    @BeforeAll
    static void holder() {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            notes.add(withdrawn(NoteFixtures.A, eur(50), NoteType.CURRENCY));
        }
        for (int i = 0; i < 70; i++) {
            notes.add(withdrawn(NoteFixtures.A, jpy(100), NoteType.CURRENCY));
        }
        notes.add(withdrawn(NoteFixtures.A, jpy(5000), NoteType.CURRENCY));
        notes.add(withdrawn(NoteFixtures.A, jpy(900), NoteType.CREDIT));
        book = book(notes.toArray(Note[]::new));
    }

    @Test
    void amountsWhoseNotesFitGoWhole() {
        SettlementAmounts give = SettlementAmounts.ofCurrency(eur(300), jpy(5400));
        assertThat(SettlementPacket.fitting(book, give, NoteFixtures.NOW)).isEqualTo(give);
    }

    @Test
    void theFirstAmountThatDoesNotFitGivesWhatTheLargestNotesOfTheRoomLeftPay() {
        // EUR 500 takes all 10 notes; JPY 12,000 needs the 5,000 and all seventy 100s (71 notes), the room is 54
        SettlementAmounts packet = SettlementPacket.fitting(book, SettlementAmounts.ofCurrency(eur(500), jpy(12_000)), NoteFixtures.NOW);
        assertThat(packet).isEqualTo(SettlementAmounts.ofCurrency(eur(500), jpy(5000 + 53 * 100)));
        assertThat(SettleFxTransfers.choose(book, packet, NoteFixtures.NOW)).get().asList().hasSize(NoteVerifier.MAX_NOTES_PER_PAYMENT);
        // alone, JPY 12,000 goes as 5,000 and sixty-three 100s
        assertThat(SettlementPacket.fitting(book, SettlementAmounts.ofCurrency(jpy(12_000)), NoteFixtures.NOW))
                .isEqualTo(SettlementAmounts.ofCurrency(jpy(11_300)));
    }

    @Test
    void amountsAfterAFullPacketOrNotHeldAreLeftOut() {
        assertThat(SettlementPacket.fitting(book, SettlementAmounts.ofCurrency(eur(501), jpy(100)), NoteFixtures.NOW))
                .isEqualTo(SettlementAmounts.none());
        assertThat(SettlementPacket.fitting(book, SettlementAmounts.ofCurrency(eur(100), jpy(99_999)), NoteFixtures.NOW))
                .isEqualTo(SettlementAmounts.ofCurrency(eur(100)));
        // the credit note is not currency: the currency yen it would need are not there
        SettlementAmounts credit = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, jpy(900))));
        assertThat(SettlementPacket.fitting(book, credit, NoteFixtures.NOW)).isEqualTo(credit);
        assertThat(SettlementPacket.fitting(book, new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, jpy(901)))),
                NoteFixtures.NOW)).isEqualTo(SettlementAmounts.none());
    }

    @Test
    void aHostSettlingPartOfATransferConfirmsAnyPartOfWhatIsLeftAndNothingElse() {
        SettlementPrompt host = SettlementPrompt.atMost(SettlementAmounts.ofCurrency(eur(500), jpy(12_000)));
        assertThat(host.confirms(SettlementAmounts.ofCurrency(eur(500), jpy(12_000)))).isTrue();
        assertThat(host.confirms(SettlementAmounts.ofCurrency(jpy(1)))).isTrue();
        assertThat(host.confirms(SettlementAmounts.ofCurrency(eur(501)))).isFalse();
        assertThat(host.confirms(SettlementAmounts.ofCurrency(eur(100), Money.of(NoteFixtures.USD, 1)))).isFalse();
        assertThat(host.confirms(new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, jpy(10)))))).isFalse();
        assertThat(host.confirms(SettlementAmounts.none())).isFalse();
    }
}
