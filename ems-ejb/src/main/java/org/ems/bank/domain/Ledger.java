package org.ems.bank.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in bank host's double-entry ledger (domain service): posts withdrawals to and
 * deposits from EMS, bank-POS transfers, opening balances and reversals, each as one balanced
 * journal entry that moves both accounts. Runs inside the caller's transaction; a refusal throws
 * {@link BankRefusedException} before anything changed, and the caller rolls back.
 *
 * <p>Idempotency: every command carries a key. A repeated key with the same content returns the
 * entry already posted and changes nothing; with other content it is refused as a conflict. Two
 * racing requests with one key both pass the lookup, and the unique constraint on the key makes
 * the later commit fail; its retry then finds the entry.
 */
public final class Ledger {

    private final BankId bank;
    private final BankRepository repository;

    public Ledger(BankId bank, BankRepository repository) {
        this.bank = bank;
        this.repository = repository;
    }

    /** Opens an account at this bank; refuses another bank's number. */
    public void open(Account account) {
        requireHere(account.number());
        if (repository.findAccount(account.number()).isPresent()) {
            throw new IllegalArgumentException("account " + account.number() + " exists");
        }
        repository.store(account);
    }

    /** Assigns a bank-POS terminal id to one of this bank's open accounts. */
    public AssignedTerminal assignTerminal(String terminalId, AccountNumber payee, Instant at) {
        Account account = load(payee);
        if (!account.isOpen()) {
            throw new BankRefusedException(BankRefusal.ACCOUNT_CLOSED, payee.toString());
        }
        if (repository.findTerminal(terminalId).isPresent()) {
            throw new IllegalArgumentException("terminal " + terminalId + " is assigned");
        }
        AssignedTerminal terminal = new AssignedTerminal(terminalId, payee, at);
        repository.store(terminal);
        return terminal;
    }

    /** Debits one account and credits another by {@code amount} as one entry of {@code kind}. */
    public JournalEntry post(String idempotencyKey, EntryKind kind, AccountNumber debit, AccountNumber credit,
                             LedgerAmount amount, Instant at) {
        if (kind == EntryKind.REVERSAL) {
            throw new IllegalArgumentException("reversals are posted with reverse()");
        }
        return record(idempotencyKey, kind, twoLines(debit, credit, amount), null, null, at);
    }

    /**
     * A bank-POS sale: the buyer's PIN authorises paying {@code amount} from {@code from} into
     * {@code to}, which must be the account of a terminal this bank assigned.
     */
    public JournalEntry posTransfer(String idempotencyKey, AccountNumber from, char[] pin, AccountNumber to,
                                    LedgerAmount amount, String terminalId, Instant at) {
        requireHere(from);
        requireHere(to);
        AssignedTerminal terminal = (AssignedTerminal.isWellFormedId(terminalId)
                ? repository.findTerminal(terminalId) : Optional.<AssignedTerminal>empty())
                .orElseThrow(() -> new BankRefusedException(BankRefusal.UNKNOWN_TERMINAL, "terminal not assigned by " + bank));
        if (!terminal.payeeAccount().equals(to)) {
            throw new BankRefusedException(BankRefusal.TERMINAL_ACCOUNT_MISMATCH, "terminal " + terminalId + " pays elsewhere");
        }
        if (!load(from).pinMatches(pin)) {
            // The detail names the account only: a PIN never reaches a message or a log.
            throw new BankRefusedException(BankRefusal.WRONG_PIN, from.toString());
        }
        return record(idempotencyKey, EntryKind.POS_TRANSFER, twoLines(from, to, amount), null, terminalId, at);
    }

    /** Posts the exact opposite of entry {@code entryId}; an entry is reversed at most once. */
    public JournalEntry reverse(UUID entryId, String idempotencyKey, Instant at) {
        JournalEntry original = repository.findEntry(entryId)
                .orElseThrow(() -> new BankRefusedException(BankRefusal.UNKNOWN_ENTRY, entryId.toString()));
        if (original.kind() == EntryKind.REVERSAL) {
            // Undoing a reversal would be re-posting the original: post that as a new entry instead.
            throw new BankRefusedException(BankRefusal.NOT_REVERSIBLE, entryId + " is itself a reversal");
        }
        List<JournalLine> lines = original.reversedLines();
        Optional<JournalEntry> repeated = findRepeat(idempotencyKey, EntryKind.REVERSAL, lines, entryId, null);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        if (repository.findReversalOf(entryId).isPresent()) {
            throw new BankRefusedException(BankRefusal.ALREADY_REVERSED, entryId.toString());
        }
        return record(idempotencyKey, EntryKind.REVERSAL, lines, entryId, null, at);
    }

    /** Whether {@code number} is an open account at this bank ("is this account active"). */
    public boolean isActive(AccountNumber number) {
        return number.isAt(bank) && repository.findAccount(number).map(Account::isOpen).orElse(false);
    }

    public LedgerAmount balance(AccountNumber number) {
        return load(number).balance();
    }

    public TrialBalance trialBalance() {
        return TrialBalance.of(repository.balanceTotals(), repository.journalTotals());
    }

    public BankId bank() {
        return bank;
    }

    private JournalEntry record(String key, EntryKind kind, List<JournalLine> lines, UUID reverses, String reference,
                                Instant at) {
        Optional<JournalEntry> repeated = findRepeat(key, kind, lines, reverses, reference);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        List<Account> accounts = new ArrayList<>(lines.size());
        for (JournalLine line : lines) {
            accounts.add(load(line.account()));
        }
        // Check every line before changing any account, so a refusal leaves even memory untouched.
        for (int i = 0; i < lines.size(); i++) {
            check(accounts.get(i), lines.get(i));
        }
        for (int i = 0; i < lines.size(); i++) {
            apply(accounts.get(i), lines.get(i));
        }
        JournalEntry entry = new JournalEntry(UUID.randomUUID(), key, kind, lines, reverses, reference, at);
        repository.append(entry);
        return entry;
    }

    private Optional<JournalEntry> findRepeat(String key, EntryKind kind, List<JournalLine> lines, UUID reverses,
                                              String reference) {
        Optional<JournalEntry> existing = repository.findEntryByIdempotencyKey(JournalEntry.requireKey(key));
        if (existing.isPresent() && !existing.get().sameContentAs(kind, lines, reverses, reference)) {
            throw new BankRefusedException(BankRefusal.IDEMPOTENCY_CONFLICT, "key " + key + " was used for another request");
        }
        return existing;
    }

    private static List<JournalLine> twoLines(AccountNumber debit, AccountNumber credit, LedgerAmount amount) {
        if (debit.equals(credit)) {
            throw new BankRefusedException(BankRefusal.SAME_ACCOUNT, debit.toString());
        }
        if (!amount.isPositive()) {
            throw new BankRefusedException(BankRefusal.NOT_POSITIVE, amount.toString());
        }
        return List.of(JournalLine.debit(debit, amount), JournalLine.credit(credit, amount));
    }

    private static void check(Account account, JournalLine line) {
        if (line.side() == Side.DEBIT) {
            account.checkDebit(line.amount());
        } else {
            account.checkCredit(line.amount());
        }
    }

    private static void apply(Account account, JournalLine line) {
        if (line.side() == Side.DEBIT) {
            account.debit(line.amount());
        } else {
            account.credit(line.amount());
        }
    }

    private Account load(AccountNumber number) {
        requireHere(number);
        return repository.findAccount(number)
                .orElseThrow(() -> new BankRefusedException(BankRefusal.UNKNOWN_ACCOUNT, number.toString()));
    }

    private void requireHere(AccountNumber number) {
        if (!number.isAt(bank)) {
            throw new BankRefusedException(BankRefusal.FOREIGN_BANK, number + " is not at " + bank);
        }
    }
}
