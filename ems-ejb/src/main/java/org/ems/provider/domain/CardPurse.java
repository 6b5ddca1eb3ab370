package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The money module of one IC card: a TRANSACTION module certified by a security server (its
 * certificate and its private key, sealed at rest: the key "never leaves the card"), and its
 * module book (note directory and transaction log). Reached only through {@link IcCard#open}.
 *
 * <p>Invariants: the balance is what the note directory holds, never negative; a note is written
 * to the card only after the card verified it and only once (its receipt is logged, so a note
 * paid out whole cannot be written again); a payment leaves the card only through the payment
 * protocol, and a refused one changes nothing; at most {@link NoteDirectory#MAX_NOTES} notes and
 * {@link TransactionLog#MAX_ENTRIES} log entries (a card is a bounded device: past either it refuses
 * with LIMIT_REACHED).
 */
@Entity
@Table(name = "PROVIDER_CARD_PURSE")
public class CardPurse implements EmoneyPurse {

    /** Log entries one payment or one write can add. */
    private static final int ENTRIES_PER_STEP = 2;

    @Id
    @Column(length = IcCard.MAX_ID_LENGTH)
    private String cardId;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, unique = true)
    private long moduleId;

    @Lob
    @Column(nullable = false)
    private byte[] certificate;

    @Lob
    @Column(nullable = false)
    private byte[] sealedPrivateKey;

    @Lob
    @Column(nullable = false)
    private byte[] book;

    @Version
    private long version;

    protected CardPurse() {
        // for JPA
    }

    /** A card's empty module: {@code certificate} certifies a TRANSACTION module; its key comes sealed. */
    public CardPurse(String cardId, String currency, Certificate certificate, byte[] sealedPrivateKey) {
        if (certificate.subjectRole() != ModuleRole.TRANSACTION) {
            throw new IllegalArgumentException("a card's module is a transaction module, not a " + certificate.subjectRole());
        }
        this.cardId = IcCard.requireId(cardId);
        this.currency = CurrencyCode.of(LedgerAmount.requireCurrency(currency)).code();
        this.moduleId = certificate.subjectId().value();
        this.certificate = certificate.encoded();
        this.sealedPrivateKey = sealedPrivateKey.clone();
        this.book = ModuleBook.of(NoteDirectory.empty()).encode();
    }

    @Override
    public LedgerAmount balance() {
        return EmoneyIssue.amountOf(book().balance(CurrencyCode.of(currency)));
    }

    @Override
    public void credit(EmoneyIssue issue, PaymentVerifier verifier, Instant now) {
        requireCurrency(issue.amount());
        Note note = issue.note();
        ModuleBook current = book();
        if (current.history().hasReceived(note.lastTransferKey())) {
            return; // written before
        }
        ProviderRefusedException.refuseUnless(current.notes().size() < NoteDirectory.MAX_NOTES
                && current.log().entries().size() + ENTRIES_PER_STEP <= TransactionLog.MAX_ENTRIES, ProviderRefusal.LIMIT_REACHED,
                "card " + cardId + " is full");
        ProviderRefusedException.refuseUnless(balance().minor() + issue.amount().minor() <= LedgerAmount.MAX_ABS_MINOR,
                ProviderRefusal.LIMIT_REACHED, "card " + cardId + " balance bound");
        try {
            verifier.verify(List.of(note), note.receivedAmount(), now, current.history());
        } catch (NoteRejectedException e) {
            throw new ProviderRefusedException(ProviderRefusal.NOTE_REJECTED, "card " + cardId + ": " + e.reason() + ", " + e.getMessage());
        }
        // Logged as received from the issuer, so the duplicate check knows it for good.
        ConversationId receipt = new ConversationId(note.id().high(), note.id().low());
        LogEntry entry = new LogEntry(LogEntry.Kind.UNCONDITIONAL, LogEntry.Direction.RECEIVED, receipt, List.of(LoggedNote.of(note)));
        store(new ModuleBook(current.notes().withReceived(note), current.log().append(entry)));
    }

    @Override
    public List<EmoneyPiece> pay(NoteSigner cardSigner, ModuleId payee, PaymentVerifier payeeVerifier, LedgerAmount price,
            ConversationId conversation, Instant now) {
        requireCurrency(price);
        if (!price.isPositive()) {
            throw new IllegalArgumentException("a price is positive: " + price);
        }
        ModuleBook current = book();
        ProviderRefusedException.refuseUnless(balance().minor() >= price.minor(), ProviderRefusal.INSUFFICIENT_EMONEY,
                "card " + cardId + " holds " + balance() + ", price " + price);
        ProviderRefusedException.refuseUnless(current.log().entries().size() + ENTRIES_PER_STEP <= TransactionLog.MAX_ENTRIES,
                ProviderRefusal.LIMIT_REACHED, "card " + cardId + " transaction log is full");
        OfflinePayment.Result result = OfflinePayment.run(current, moduleId(), cardSigner, payee, payeeVerifier,
                Money.of(CurrencyCode.of(currency), price.minor()), conversation, now);
        if (!result.isPaid()) {
            ProviderRefusal reason = result.payerOutcome() == PaymentOutcome.INSUFFICIENT_FUNDS ? ProviderRefusal.INSUFFICIENT_EMONEY
                    : ProviderRefusal.NOTE_REJECTED;
            throw new ProviderRefusedException(reason, "card " + cardId + " paying " + price + ": " + result.payerOutcome()
                    + result.rejection().map(r -> " (" + r + ")").orElse(""));
        }
        store(result.payerBook());
        return result.received().stream().map(EmoneyPiece::new).toList();
    }

    public ModuleBook book() {
        return ModuleBook.decode(book);
    }

    private void store(ModuleBook next) {
        this.book = next.encode();
    }

    public String cardId() {
        return cardId;
    }

    public String currency() {
        return currency;
    }

    public ModuleId moduleId() {
        return new ModuleId(moduleId);
    }

    public Certificate certificate() {
        return Certificate.decode(certificate);
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    private void requireCurrency(LedgerAmount amount) {
        ProviderRefusedException.refuseUnless(amount.currency().equals(currency), ProviderRefusal.CURRENCY_MISMATCH,
                "card " + cardId + " holds " + currency + ", not " + amount.currency());
    }
}
