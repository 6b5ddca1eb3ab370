package org.ems.money.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.protocol.ModuleBook;
import org.ems.security.domain.ModuleId;

/**
 * Notes entering and leaving circulation at a teller: fresh notes from the money generator are
 * put into the teller's book, and the notes a teller received back are taken out of it (retired),
 * both in the caller's transaction.
 */
@Stateless
public class NoteCustody {

    @Inject PaymentSteps payments;
    @Inject MoneyBookRepository books;

    /** Puts freshly issued notes into the module's book (they were signed for it by the generator). */
    public void receiveIssued(ModuleId module, List<Note> notes) {
        payments.deposit(module, notes);
    }

    /** Takes every note of {@code currency} out of the module's book; returns their value. */
    public Money takeOut(ModuleId module, CurrencyCode currency) {
        MoneyModuleBook record = payments.bookRecord(module);
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + module + " is in a payment");
        }
        ModuleBook book = payments.open(record);
        NoteDirectory directory = book.notes();
        Money total = Money.zero(currency);
        for (HeldNote held : directory.notesOf(currency)) {
            directory = directory.afterPaying(held.note().lastTransferKey(), Optional.empty());
            total = total.plus(held.remaining());
        }
        payments.store(record, new ModuleBook(directory, book.log()));
        return total;
    }

    /** The value the module holds unconditionally in {@code currency}. */
    public Money balance(ModuleId module, CurrencyCode currency) {
        return payments.open(payments.bookRecord(module)).balance(currency);
    }

    /**
     * Whether the module is in a payment, exchange or settlement now, or has agreed to one whose
     * first message has not arrived and that has not expired (the network's reply timeout after it was made).
     */
    public boolean isBusy(ModuleId module) {
        MoneyModuleBook record = payments.bookRecord(module);
        return record.activePayment().isPresent() || record.hasLiveAgreement(payments.now());
    }

    /** Every hosted module's book, opened. */
    public java.util.Map<ModuleId, ModuleBook> books() {
        java.util.Map<ModuleId, ModuleBook> all = new java.util.LinkedHashMap<>();
        for (MoneyModuleBook record : books.all()) {
            all.put(record.module(), payments.open(record));
        }
        return all;
    }

    /** The notes the module holds unconditionally. */
    public List<HeldNote> notes(ModuleId module) {
        return payments.open(payments.bookRecord(module)).notes().notes();
    }
}
