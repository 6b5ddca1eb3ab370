package org.ems.money.protocol;

import org.ems.money.domain.NoteFixtures;
import static org.ems.money.domain.NoteFixtures.EXPIRES_AT;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.ISSUED_AT;
import static org.ems.money.domain.NoteFixtures.RANDOM;
import static org.ems.money.domain.NoteFixtures.TELLER;

import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;

/** Notes of a second currency for the foreign exchange tests. */
final class FxFixtures {

    static final CurrencyCode GBP = CurrencyCode.of("GBP");

    private FxFixtures() {
    }

    static Money gbp(long pence) {
        return Money.of(GBP, pence);
    }

    /** generator -> teller -> holder, the whole note, in {@code currency}. */
    static Note withdrawn(NoteFixtures.Party holder, Money amount) {
        NoteBody body = new NoteBody(NoteId.random(RANDOM), GENERATOR.id(), "BANK-1", ISSUED_AT, EXPIRES_AT, amount, NoteType.CURRENCY);
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), body, TELLER.id());
        return issued.transfer(TELLER.cert(), TELLER.keys().getPrivate(), holder.id(), amount, ISSUED_AT.plusSeconds(60), 1);
    }
}
