package org.ems.provider.domain;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;

/**
 * E-money as the provider host issues it for one charge (figure 6): an EMS note of exactly the
 * charged amount, signed by the provider's money generator, transferred whole to the provider's
 * issuing teller and by it to the IC card's money module (two signed transfer records). Nobody
 * without the generator's key can make one, and every later transfer is signed by its holder.
 */
public record EmoneyIssue(Note note) {

    public EmoneyIssue {
        Objects.requireNonNull(note, "note");
    }

    /** The issuing bank id the provider's notes carry (the provider is no bank: its name). */
    public static final String ISSUER = "EMONEY-PROVIDER";

    /**
     * What the host does for one charge: its generator signs a note of exactly {@code amount}
     * (valid until {@code now + lifetime}) and makes the first transfer to the issuing teller,
     * which transfers the whole note to the card's module {@code card}. Instants are whole
     * milliseconds.
     */
    public static EmoneyIssue mint(Certificate generator, PrivateKey generatorKey, Certificate teller, PrivateKey tellerKey,
            NoteId id, Money amount, ModuleId card, Instant now, Duration lifetime) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        NoteBody body = new NoteBody(id, generator.subjectId(), ISSUER, at, at.plus(lifetime), amount, NoteType.CURRENCY);
        Note atTeller = Note.issue(generator, generatorKey, body, teller.subjectId());
        return new EmoneyIssue(atTeller.transfer(teller, tellerKey, card, amount, at, 1));
    }

    /** The note's id: one per charge. */
    public NoteId serial() {
        return note.id();
    }

    /** What the card received: the whole note. */
    public LedgerAmount amount() {
        return amountOf(note.receivedAmount());
    }

    /** The module the issue was written to (the card). */
    public ModuleId holder() {
        return note.holder();
    }

    static LedgerAmount amountOf(Money money) {
        return LedgerAmount.of(money.amountMinor(), money.currency().code());
    }

    @Override
    public String toString() {
        return "EmoneyIssue[" + serial() + ", " + amount() + " to " + holder() + "]";
    }
}
