package org.ems.bank.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The built-in bank's store: accounts, the append-only journal, assigned terminals. */
public interface BankRepository {

    Optional<Account> findAccount(AccountNumber number);

    void store(Account account);

    Optional<JournalEntry> findEntry(UUID id);

    Optional<JournalEntry> findEntryByIdempotencyKey(String idempotencyKey);

    /** The reversal of {@code id}, if one was posted (there is at most one). */
    Optional<JournalEntry> findReversalOf(UUID id);

    /** Appends an entry; entries are never updated or removed. */
    void append(JournalEntry entry);

    /** The refusal remembered for an EMS request's idempotency key, if any ({@link RefusedRequest}). */
    Optional<RefusedRequest> findRefusal(String idempotencyKey);

    void store(RefusedRequest refusal);

    Optional<AssignedTerminal> findTerminal(String terminalId);

    void store(AssignedTerminal terminal);

    /** Per currency, the sum of all account balances (bounded by the number of currencies). */
    List<TrialBalance.Line> balanceTotals();

    /** Per currency, the total debits and credits over all journal lines. */
    List<TrialBalance.Line> journalTotals();

    /** An account's balance recomputed from the journal alone: credits minus debits. */
    long journalBalanceMinor(AccountNumber number);
}
