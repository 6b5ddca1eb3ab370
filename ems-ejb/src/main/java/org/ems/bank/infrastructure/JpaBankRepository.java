package org.ems.bank.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.BankRepository;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.RefusedRequest;
import org.ems.bank.domain.Side;
import org.ems.bank.domain.TrialBalance;

/** JPA store of the built-in bank. Journal entries are only ever persisted, never merged or removed. */
@ApplicationScoped
public class JpaBankRepository implements BankRepository {

    /** Totals are grouped by currency: ISO 4217 has fewer than 200 codes. */
    private static final int MAX_CURRENCIES = 400;

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaBankRepository() {
        // for CDI
    }

    public JpaBankRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Account> findAccount(AccountNumber number) {
        return Optional.ofNullable(em.find(Account.class, number.toString()));
    }

    @Override
    public void store(Account account) {
        em.persist(account);
    }

    @Override
    public Optional<JournalEntry> findEntry(UUID id) {
        return Optional.ofNullable(em.find(JournalEntry.class, id.toString()));
    }

    @Override
    public Optional<JournalEntry> findEntryByIdempotencyKey(String idempotencyKey) {
        return em.createQuery("select e from JournalEntry e where e.idempotencyKey = :key", JournalEntry.class)
                .setParameter("key", idempotencyKey)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<JournalEntry> findReversalOf(UUID id) {
        return em.createQuery("select e from JournalEntry e where e.reverses = :id", JournalEntry.class)
                .setParameter("id", id.toString())
                .getResultStream().findFirst();
    }

    @Override
    public void append(JournalEntry entry) {
        em.persist(entry);
    }

    @Override
    public Optional<RefusedRequest> findRefusal(String idempotencyKey) {
        return Optional.ofNullable(em.find(RefusedRequest.class, idempotencyKey));
    }

    @Override
    public void store(RefusedRequest refusal) {
        em.persist(refusal);
    }

    @Override
    public Optional<AssignedTerminal> findTerminal(String terminalId) {
        return Optional.ofNullable(em.find(AssignedTerminal.class, terminalId));
    }

    @Override
    public void store(AssignedTerminal terminal) {
        em.persist(terminal);
    }

    @Override
    public List<TrialBalance.Line> balanceTotals() {
        return em.createQuery("select a.currency, sum(a.balanceMinor) from Account a group by a.currency", Object[].class)
                .setMaxResults(MAX_CURRENCIES)
                .getResultStream()
                .map(row -> new TrialBalance.Line((String) row[0], ((Number) row[1]).longValue(), 0, 0))
                .toList();
    }

    @Override
    public List<TrialBalance.Line> journalTotals() {
        return em.createQuery("select l.currency, l.side, sum(l.amountMinor) from JournalEntry e join e.lines l"
                        + " group by l.currency, l.side", Object[].class)
                .setMaxResults(MAX_CURRENCIES * 2)
                .getResultStream()
                .map(row -> {
                    long sum = ((Number) row[2]).longValue();
                    boolean debit = row[1] == Side.DEBIT;
                    return new TrialBalance.Line((String) row[0], 0, debit ? sum : 0, debit ? 0 : sum);
                })
                .toList();
    }

    @Override
    public long journalBalanceMinor(AccountNumber number) {
        Number signed = em.createQuery("select sum(case when l.side = :credit then l.amountMinor else -l.amountMinor end)"
                        + " from JournalEntry e join e.lines l where l.account = :account", Number.class)
                .setParameter("credit", Side.CREDIT)
                .setParameter("account", number.toString())
                .getSingleResult();
        return signed == null ? 0 : signed.longValue();
    }
}
