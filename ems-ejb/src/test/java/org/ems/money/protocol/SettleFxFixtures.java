package org.ems.money.protocol;

import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleRole;

/** Currencies, books and contexts for the Settle Foreign Exchange tests. */
final class SettleFxFixtures {

    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    static final CurrencyCode EUR = CurrencyCode.of("EUR");

    private SettleFxFixtures() {
    }

    static Money jpy(long yen) {
        return Money.of(JPY, yen);
    }

    static Money eur(long cents) {
        return Money.of(EUR, cents);
    }

    /** generator -> teller -> holder, the whole note, of {@code type} (currency or credit). */
    static Note withdrawn(NoteFixtures.Party holder, Money amount, NoteType type) {
        NoteBody body = new NoteBody(NoteId.random(NoteFixtures.RANDOM), NoteFixtures.GENERATOR.id(), "BANK-1", NoteFixtures.ISSUED_AT,
                NoteFixtures.EXPIRES_AT, amount, type);
        Note issued = Note.issue(NoteFixtures.GENERATOR.cert(), NoteFixtures.GENERATOR.keys().getPrivate(), body, NoteFixtures.TELLER.id());
        return issued.transfer(NoteFixtures.TELLER.cert(), NoteFixtures.TELLER.keys().getPrivate(), holder.id(), amount,
                NoteFixtures.ISSUED_AT.plusSeconds(60), 1);
    }

    static ModuleBook book(Note... notes) {
        NoteDirectory directory = NoteDirectory.empty();
        for (Note note : notes) {
            directory = directory.withReceived(note);
        }
        return ModuleBook.of(directory);
    }

    /** {@code party}'s context with the real signer and verifier, its host expecting {@code expected}. */
    static SettleFxParty.Context context(ConversationId conversation, NoteFixtures.Party party, SettlementAmounts expected) {
        return new SettleFxParty.Context(conversation, NoteFixtures.NOW, NoteSigner.of(party.cert(), party.keys().getPrivate()),
                PaymentVerifier.of(NoteFixtures.verifier(), party.id(), ModuleRole.TRANSACTION), SettlementPrompt.expecting(expected));
    }
}
