package org.ems.csm.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.csm.application.BankAccountDirectory;
import org.ems.csm.domain.AccountType;
import org.ems.csm.domain.BankAccountRecord;

/**
 * The built-in bank host as the CSM's bank account directory. The subscriber is the account
 * holder's name as the bank recorded it (the built-in bank knows no other customer identity).
 * Listing and reading accounts are read-only queries of the host's {@code BANK_ACCOUNT} store (the
 * host offers no listing, and the gateway format has no such request yet); the active question
 * of figure 20 is the gateway's own {@code IS_ACTIVE} request, answered by the host in the
 * caller's transaction instead of over JMS, so the teller can decide before it starts.
 */
@ApplicationScoped
public class BuiltInBankAccountDirectory implements BankAccountDirectory {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    @Inject BankHostService host;

    protected BuiltInBankAccountDirectory() {
        // for CDI
    }

    public BuiltInBankAccountDirectory(EntityManager em, BankHostService host) {
        this.em = em;
        this.host = host;
    }

    @Override
    public List<BankAccountRecord> accountsOf(BankId bank, String subscriber) {
        return em.createQuery("select a from Account a where a.bank = :bank and a.holderName = :holder and a.kind <> :internal"
                        + " order by a.number", Account.class)
                .setParameter("bank", bank.code()).setParameter("holder", subscriber).setParameter("internal", AccountKind.INTERNAL)
                .setMaxResults(MAX_ACCOUNTS).getResultList().stream().map(BuiltInBankAccountDirectory::record).toList();
    }

    @Override
    public Optional<BankAccountRecord> account(AccountNumber number) {
        return Optional.ofNullable(em.find(Account.class, number.toString()))
                .filter(a -> a.kind() != AccountKind.INTERNAL)
                .map(BuiltInBankAccountDirectory::record);
    }

    @Override
    public boolean isActive(AccountNumber number) {
        BankRequest ask = new BankRequest(UUID.randomUUID(), null, BankRequest.Kind.IS_ACTIVE, number, null, null, null, null, null);
        return host.handle(number.bank(), ask).outcome() == BankReply.Outcome.APPROVED;
    }

    private static BankAccountRecord record(Account account) {
        AccountType type = account.kind() == AccountKind.LOAN ? AccountType.LOAN : AccountType.DEPOSIT;
        return new BankAccountRecord(account.number(), type, account.isOpen());
    }
}
