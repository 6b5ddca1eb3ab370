package org.ems.bank.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A map-backed {@link BankRepository} for plain unit tests of the ledger. */
public final class InMemoryBankRepository implements BankRepository {

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<UUID, JournalEntry> entries = new LinkedHashMap<>();
    private final Map<String, AssignedTerminal> terminals = new LinkedHashMap<>();
    private final Map<String, RefusedRequest> refusals = new LinkedHashMap<>();

    @Override
    public Optional<Account> findAccount(AccountNumber number) {
        return Optional.ofNullable(accounts.get(number.toString()));
    }

    @Override
    public void store(Account account) {
        accounts.put(account.number().toString(), account);
    }

    @Override
    public Optional<JournalEntry> findEntry(UUID id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public Optional<JournalEntry> findEntryByIdempotencyKey(String key) {
        return entries.values().stream().filter(e -> e.idempotencyKey().equals(key)).findFirst();
    }

    @Override
    public Optional<JournalEntry> findReversalOf(UUID id) {
        return entries.values().stream().filter(e -> id.equals(e.reverses())).findFirst();
    }

    @Override
    public void append(JournalEntry entry) {
        if (entries.putIfAbsent(entry.id(), entry) != null || findEntryByIdempotencyKey(entry.idempotencyKey()).get() != entry) {
            throw new IllegalStateException("duplicate entry " + entry);
        }
    }

    @Override
    public Optional<RefusedRequest> findRefusal(String idempotencyKey) {
        return Optional.ofNullable(refusals.get(idempotencyKey));
    }

    @Override
    public void store(RefusedRequest refusal) {
        refusals.putIfAbsent(refusalKey(refusal), refusal);
    }

    private static String refusalKey(RefusedRequest refusal) {
        return refusal.idempotencyKey();
    }

    @Override
    public Optional<AssignedTerminal> findTerminal(String terminalId) {
        return Optional.ofNullable(terminals.get(terminalId));
    }

    @Override
    public void store(AssignedTerminal terminal) {
        terminals.put(terminal.terminalId(), terminal);
    }

    @Override
    public List<TrialBalance.Line> balanceTotals() {
        Map<String, Long> sums = new TreeMap<>();
        accounts.values().forEach(a -> sums.merge(a.currency(), a.balance().minor(), Math::addExact));
        List<TrialBalance.Line> lines = new ArrayList<>();
        sums.forEach((c, s) -> lines.add(new TrialBalance.Line(c, s, 0, 0)));
        return lines;
    }

    @Override
    public List<TrialBalance.Line> journalTotals() {
        List<TrialBalance.Line> lines = new ArrayList<>();
        for (JournalEntry e : entries.values()) {
            for (JournalLine l : e.lines()) {
                long m = l.amount().minor();
                lines.add(new TrialBalance.Line(l.amount().currency(), 0, l.side() == Side.DEBIT ? m : 0,
                        l.side() == Side.CREDIT ? m : 0));
            }
        }
        return lines;
    }

    @Override
    public long journalBalanceMinor(AccountNumber number) {
        return entries.values().stream().flatMap(e -> e.lines().stream())
                .filter(l -> l.account().equals(number))
                .mapToLong(l -> l.side() == Side.CREDIT ? l.amount().minor() : -l.amount().minor())
                .sum();
    }

    public int entryCount() {
        return entries.size();
    }
}
