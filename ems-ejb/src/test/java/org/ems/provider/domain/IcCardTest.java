package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.provider.domain.CallbackChallengeTest.assertRefused;
import static org.ems.provider.domain.SettlementTest.AT;
import static org.ems.provider.domain.SettlementTest.CARD;
import static org.ems.provider.domain.SettlementTest.TERMINAL;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.TransferRecord;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

class IcCardTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final IcCard card = IcCard.issue("CARD-1", "2468".toCharArray(), random, PinHash.MIN_ITERATIONS, NOW);
    private final CardPurse purse = new CardPurse("CARD-1", "JPY", CARD.cert(), new byte[] {1});
    private final PaymentVerifier cardVerifies = PaymentVerifier.of(NoteFixtures.verifier(), CARD.id(), ModuleRole.TRANSACTION);
    private final PaymentVerifier terminalVerifies = PaymentVerifier.of(NoteFixtures.verifier(), TERMINAL.id(), ModuleRole.TRANSACTION);
    private final NoteSigner cardSigns = NoteSigner.of(CARD.cert(), CARD.keys().getPrivate());

    @Test
    void theRightPinOpensThePurseAndWrongPinsBlockTheCard() {
        assertThat(card.open("2468".toCharArray(), purse)).isSameAs(purse);

        assertRefused(() -> card.open("1111".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        assertRefused(() -> card.open("1112".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        assertThat(card.wrongPins()).isEqualTo(2);
        card.open("2468".toCharArray(), purse);
        assertThat(card.wrongPins()).isZero();

        for (int i = 0; i < IcCard.MAX_WRONG_PINS; i++) {
            assertRefused(() -> card.open("0000".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        }
        assertThat(card.isBlocked()).isTrue();
        assertRefused(() -> card.open("2468".toCharArray(), purse), ProviderRefusal.CARD_BLOCKED);
    }

    @Test
    void anotherCardsPurseIsNotOpened() {
        CardPurse other = new CardPurse("CARD-2", "JPY", NoteFixtures.C.cert(), new byte[] {1});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.open("2468".toCharArray(), other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creditsAreVerifiedAndIdempotentAndASalePaysWithThePaymentProtocol() {
        EmoneyIssue first = SettlementTest.mint(3_000);
        EmoneyIssue second = SettlementTest.mint(2_000);
        purse.credit(first, cardVerifies, AT);
        purse.credit(first, cardVerifies, AT);
        purse.credit(second, cardVerifies, AT);
        assertThat(purse.balance()).isEqualTo(jpy(5_000));

        List<EmoneyPiece> pieces = purse.pay(cardSigns, TERMINAL.id(), terminalVerifies, jpy(4_000), ConversationId.random(random), AT);
        assertThat(pieces.stream().mapToLong(p -> p.amount().minor()).sum()).isEqualTo(4_000L);
        assertThat(pieces).hasSize(2); // the note choice takes from both notes
        assertThat(pieces).allSatisfy(p -> {
            assertThat(p.note().holder()).isEqualTo(TERMINAL.id());
            assertThat(p.note().lastRecord().transferorId()).isEqualTo(CARD.id());
            assertThat(p.note().records()).hasSize(3);
        });
        assertThat(purse.balance()).isEqualTo(jpy(1_000));
        // Paid out whole, the first note cannot be written to the card again (its receipt is logged).
        purse.credit(first, cardVerifies, AT);
        assertThat(purse.balance()).isEqualTo(jpy(1_000));

        assertRefused(() -> purse.pay(cardSigns, TERMINAL.id(), terminalVerifies, jpy(1_001), ConversationId.random(random), AT),
                ProviderRefusal.INSUFFICIENT_EMONEY);
        assertRefused(() -> purse.pay(cardSigns, TERMINAL.id(), terminalVerifies, LedgerAmount.of(1, "USD"),
                ConversationId.random(random), AT), ProviderRefusal.CURRENCY_MISMATCH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> purse.pay(cardSigns, TERMINAL.id(), terminalVerifies, jpy(0),
                ConversationId.random(random), AT)).isInstanceOf(IllegalArgumentException.class);
        // A terminal that refuses the notes (here: it verifies as another module) gets nothing and the card keeps them.
        PaymentVerifier wrongPayee = PaymentVerifier.of(NoteFixtures.verifier(), NoteFixtures.C.id(), ModuleRole.TRANSACTION);
        assertRefused(() -> purse.pay(cardSigns, TERMINAL.id(), wrongPayee, jpy(500), ConversationId.random(random), AT),
                ProviderRefusal.NOTE_REJECTED);
        assertThat(purse.balance()).isEqualTo(jpy(1_000));
    }

    @Test
    void aNoteForAnotherModuleOrTamperedIsNotWrittenToTheCard() {
        EmoneyIssue forAnother = new EmoneyIssue(NoteFixtures.withdrawnBy(NoteFixtures.C, 1_000));
        assertRefused(() -> purse.credit(forAnother, cardVerifies, NoteFixtures.NOW), ProviderRefusal.CURRENCY_MISMATCH);
        EmoneyIssue genuine = SettlementTest.mint(1_000);
        TransferRecord written = genuine.note().lastRecord();
        TransferRecord raised = new TransferRecord(written.transferorId(), written.transfereeId(), genuine.note().receivedAmount(),
                written.at().plusMillis(1), written.sequence(), written.signature());
        EmoneyIssue tampered = new EmoneyIssue(NoteFixtures.withRecord(genuine.note(), 1, raised));
        assertRefused(() -> purse.credit(tampered, cardVerifies, AT), ProviderRefusal.NOTE_REJECTED);
        CardPurse other = new CardPurse("CARD-2", "JPY", NoteFixtures.C.cert(), new byte[] {1});
        assertRefused(() -> other.credit(genuine, PaymentVerifier.of(NoteFixtures.verifier(), NoteFixtures.C.id(), ModuleRole.TRANSACTION),
                AT), ProviderRefusal.NOTE_REJECTED);
        assertThat(purse.balance()).isEqualTo(jpy(0));
        assertThat(other.balance()).isEqualTo(jpy(0));
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, "JPY");
    }
}
