package org.ems.provider.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.LedgerAmount;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.IcCard;
import org.ems.provider.domain.IssuedEmoney;
import org.ems.provider.domain.ProviderAccount;
import org.ems.provider.domain.Terminal;
import org.ems.security.domain.ModuleId;

/**
 * The provider's registry: its account at each bank, its terminals and merchants' terminals (each
 * provisioned with a callback key), and the IC cards it hands out. The banks assign the bank-POS
 * terminal ids themselves (their own administration); this records what they assigned.
 */
@Stateless
public class ProviderAdministration {

    private static final Logger LOG = Logger.getLogger(ProviderAdministration.class.getName());

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject ProviderKeys keys;
    @Inject ProviderModules modules;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.provider.cardPinIterations", defaultValue = "600000") int cardPinIterations;

    /**
     * Has {@code securityServer} certify the provider's money generator and issuing teller (as a
     * bank's desk is opened), once; cards and merchant terminals are then certified by the same
     * security server. A second call changes nothing.
     */
    public long openIssuer(ModuleId securityServer) {
        return modules.openIssuer(securityServer).subjectId().value();
    }

    /** Records the provider's account at its bank and its PIN (sealed; the caller's array is cleared). */
    public void registerAccount(AccountNumber account, char[] pin) {
        try {
            if (em.find(ProviderAccount.class, account.bank().code()) != null) {
                throw new IllegalArgumentException("the provider has an account at bank " + account.bank());
            }
            em.persist(new ProviderAccount(account, keys.sealPin(account.bank().code(), pin), clock.instant()));
        } finally {
            Arrays.fill(pin, '\0');
        }
        LOG.info(() -> "provider account at bank " + account.bank() + " registered");
    }

    /**
     * Registers a provider terminal and provisions its callback key. Its bank-POS id at each bank
     * is {@link Terminal#providerPosId}; each bank assigns that id to the provider's account there.
     */
    public void registerProviderTerminal(String terminalId) {
        requireNew(terminalId);
        byte[][] sealed = keys.newTerminalKey(terminalId);
        em.persist(Terminal.provider(terminalId, sealed[0], sealed[1], clock.instant()));
    }

    /**
     * Registers a merchant terminal under the bank-POS id its bank assigned to {@code merchantAccount},
     * with its money module (a TRANSACTION module the provider's security server certifies).
     */
    public void registerMerchantTerminal(String terminalId, AccountNumber merchantAccount) {
        requireNew(terminalId);
        AssignedTerminal.requireId(terminalId);
        ProviderModules.Certified module = modules.certifyTerminal(terminalId);
        byte[][] sealed = keys.newTerminalKey(terminalId);
        em.persist(Terminal.merchant(terminalId, merchantAccount, sealed[0], sealed[1], module.certificate(), module.sealedKey(),
                clock.instant()));
    }

    /**
     * Hands out a new IC card: a PIN-locked TRANSACTION money module (certified by the provider's
     * security server) with an empty note directory; the PIN is hashed and the caller's array cleared.
     */
    public void issueCard(String cardId, String currency, char[] pin) {
        try {
            if (em.find(IcCard.class, IcCard.requireId(cardId)) != null) {
                throw new IllegalArgumentException("card " + cardId + " exists");
            }
            LedgerAmount.requireCurrency(currency);
            ProviderModules.Certified module = modules.certifyCard(cardId);
            em.persist(IcCard.issue(cardId, pin, random, cardPinIterations, clock.instant()));
            em.persist(new CardPurse(cardId, currency, module.certificate(), module.sealedKey()));
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    public List<AccountNumber> providerAccounts() {
        return em.createQuery("select a from ProviderAccount a order by a.bankCode", ProviderAccount.class).getResultList()
                .stream().map(ProviderAccount::account).toList();
    }

    public AccountNumber providerAccountAt(BankId bank) {
        ProviderAccount account = em.find(ProviderAccount.class, bank.code());
        if (account == null) {
            throw new IllegalArgumentException("no provider account at bank " + bank);
        }
        return account.account();
    }

    /** E-money issued and not yet settled by any merchant, in {@code currency}. */
    public LedgerAmount outstandingEmoney(String currency) {
        long sum = 0;
        for (IssuedEmoney issued : em.createQuery("select i from IssuedEmoney i", IssuedEmoney.class).getResultList()) {
            LedgerAmount outstanding = issued.outstanding();
            if (outstanding.currency().equals(currency)) {
                sum = Math.addExact(sum, outstanding.minor());
            }
        }
        return LedgerAmount.of(sum, currency);
    }

    public LedgerAmount cardBalance(String cardId) {
        CardPurse purse = em.find(CardPurse.class, cardId);
        if (purse == null) {
            throw new IllegalArgumentException("no card " + cardId);
        }
        return purse.balance();
    }

    private void requireNew(String terminalId) {
        if (em.find(Terminal.class, terminalId) != null) {
            throw new IllegalArgumentException("terminal " + terminalId + " is registered");
        }
    }
}
