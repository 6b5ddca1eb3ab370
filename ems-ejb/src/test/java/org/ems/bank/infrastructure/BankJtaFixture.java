package org.ems.bank.infrastructure;

import static org.ems.bank.domain.BankFixtures.BANK;

import java.util.concurrent.atomic.AtomicInteger;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.JournalLine;
import org.ems.bank.domain.Ledger;
import org.ems.bank.domain.LedgerAmount;
import org.ems.testing.jta.JtaHarness;

/** The built-in bank over Hibernate + Derby XA + Narayana: one harness, one repository, one ledger. */
final class BankJtaFixture implements AutoCloseable {

    private static final AtomicInteger RUN = new AtomicInteger();

    final JtaHarness harness;
    final JpaBankRepository repository;
    final Ledger ledger;

    BankJtaFixture(String name) {
        harness = JtaHarness.start(name + RUN.incrementAndGet(),
                Account.class, JournalEntry.class, JournalLine.class, AssignedTerminal.class, org.ems.bank.domain.RefusedRequest.class);
        repository = new JpaBankRepository(harness.transactionScopedEntityManager());
        ledger = new Ledger(BANK, repository);
    }

    LedgerAmount balance(AccountNumber number) {
        return harness.fromTransaction(em -> ledger.balance(number));
    }

    long entryCount() {
        return harness.fromTransaction(em -> em.createQuery("select count(e) from JournalEntry e", Long.class).getSingleResult());
    }

    @Override
    public void close() {
        harness.close();
    }
}
