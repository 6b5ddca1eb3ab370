package org.ems.money.teller;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.money.application.NoteCustody;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.TellerOperation;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * Proves DESIGN.md invariant 1 over everything this server hosts: the circulation totals of
 * every bank's money generator and teller, every module's book (notes held, transfers in transit,
 * failed commits), the teller operations in flight, and the built-in banks' ledgers. Read-only.
 */
@Stateless
public class ConservationCheck {

    @Inject TellerRepository tellers;
    @Inject NoteCustody custody;
    @Inject BankHostService banks;

    public List<ConservationReport> run() {
        Map<ModuleId, ModuleBook> books = custody.books();
        TreeSet<String> currencies = new TreeSet<>();
        tellers.circulation().forEach(c -> currencies.add(c.currency().code()));
        tellers.desks().forEach(d -> d.clearingAccounts().keySet().forEach(c -> currencies.add(c.code())));
        List<String> unbalanced = tellers.desks().stream().map(TellerDesk::bank).filter(b -> !banks.trialBalance(b).balances())
                .map(BankId::code).toList();
        List<TellerOperationRecord> inFlight = tellers.inFlight();
        List<ConservationReport> reports = new ArrayList<>();
        for (String code : currencies) {
            CurrencyCode currency = CurrencyCode.of(code);
            Money zero = Money.zero(currency);
            Money issued = zero;
            Money retired = zero;
            for (MoneyCirculation c : tellers.circulation()) {
                if (c.currency().equals(currency)) {
                    issued = issued.plus(c.issued());
                    retired = retired.plus(c.retired());
                }
            }
            Money held = zero;
            for (ModuleBook book : books.values()) {
                held = held.plus(book.balance(currency));
            }
            Money failed = lostInFailedCommits(books, currency);
            Money owed = zero;
            for (TellerOperationRecord record : inFlight) {
                owed = owed.plus(owedBy(record, currency));
            }
            Money clearing = zero;
            for (TellerDesk desk : tellers.desks()) {
                Optional<AccountNumber> account = desk.clearing(currency);
                if (account.isPresent()) {
                    clearing = clearing.plus(Money.of(currency, banks.balance(account.get()).minor()));
                }
            }
            reports.add(new ConservationReport(code, issued, retired, held, inTransit(books, currency), failed, owed, clearing,
                    inFlight.size(), unbalanced));
        }
        return reports;
    }

    /**
     * Value the teller owes the module between retiring its notes and paying fresh ones: what it
     * collected while the bank answers, and the payout while it waits to be paid.
     */
    private static Money owedBy(TellerOperationRecord record, CurrencyCode currency) {
        TellerOperation op = record.operation();
        if (!op.amount().currency().equals(currency)) {
            return Money.zero(currency);
        }
        if (op.phase() == TellerOperation.Phase.BANKING) {
            return op.returned();
        }
        if (op.phase() == TellerOperation.Phase.PAYING_OUT && record.payoutPayment().isEmpty()) {
            return op.returned();
        }
        return Money.zero(currency);
    }

    /**
     * Failed-commit records whose sender committed its side (its last SENT entry of the transfer is
     * UNCONDITIONAL): that value is lost, recorded and claimable. A failed commit whose sender
     * aborted (and so kept its notes) or has not committed yet is not counted.
     */
    static Money lostInFailedCommits(Map<ModuleId, ModuleBook> books, CurrencyCode currency) {
        Money lost = Money.zero(currency);
        for (Map.Entry<ModuleId, ModuleBook> entry : books.entrySet()) {
            for (LogEntry failed : entry.getValue().log().failedCommits()) {
                if (senderCommitted(books, entry.getKey(), failed.conversation())) {
                    lost = lost.plus(failed.total(currency));
                }
            }
        }
        return lost;
    }

    private static boolean senderCommitted(Map<ModuleId, ModuleBook> books, ModuleId receiver, ConversationId conversation) {
        return books.entrySet().stream().filter(e -> !e.getKey().equals(receiver))
                .map(e -> e.getValue().log().last(conversation, LogEntry.Direction.SENT))
                .anyMatch(sent -> sent.isPresent() && sent.get().kind() == LogEntry.Kind.UNCONDITIONAL);
    }

    /**
     * Sent but not final: the sender's last entry of a transfer is UNCONDITIONAL while no other
     * module has logged that transfer as received unconditionally or as a failed commit. A
     * CONDITIONAL transfer is not in transit: every protocol (payment, exchange, settlement) keeps
     * the notes in the sender's directory until it commits, so they are still counted as held.
     */
    static Money inTransit(Map<ModuleId, ModuleBook> books, CurrencyCode currency) {
        Map<ConversationId, List<ModuleId>> finalReceivers = new HashMap<>();
        books.forEach((module, book) -> book.log().entries().stream()
                .filter(e -> e.direction() == LogEntry.Direction.RECEIVED)
                .filter(e -> e.kind() == LogEntry.Kind.UNCONDITIONAL || e.kind() == LogEntry.Kind.FAILED_COMMIT)
                .forEach(e -> finalReceivers.computeIfAbsent(e.conversation(), k -> new ArrayList<>()).add(module)));
        Money transit = Money.zero(currency);
        for (Map.Entry<ModuleId, ModuleBook> entry : books.entrySet()) {
            ModuleBook book = entry.getValue();
            for (ConversationId conversation : book.log().entries().stream().map(LogEntry::conversation).distinct().toList()) {
                Optional<LogEntry> sent = book.log().last(conversation, LogEntry.Direction.SENT);
                if (sent.isEmpty() || sent.get().kind() != LogEntry.Kind.UNCONDITIONAL) {
                    continue;
                }
                boolean received = finalReceivers.getOrDefault(conversation, List.of()).stream().anyMatch(m -> !m.equals(entry.getKey()));
                if (!received) {
                    transit = transit.plus(sent.get().total(currency));
                }
            }
        }
        return transit;
    }
}
