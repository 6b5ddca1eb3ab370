package org.ems.bank.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRepository;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.BankRequestHandler;
import org.ems.bank.domain.EntryKind;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.Ledger;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.ems.bank.domain.TrialBalance;

/**
 * The built-in bank host: one ledger per bank code, all in the one store. Answers gateway
 * requests (in the caller's transaction: the JMS consumer's, so the posting and the reply commit
 * together) and administers accounts and terminals. Thin: the ledger decides.
 */
@Stateless
public class BankHostService {

    private static final Logger LOG = Logger.getLogger(BankHostService.class.getName());

    @Inject BankRepository repository;
    @Inject BankPinKeys pinKeys;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.bank.pinIterations", defaultValue = "600000") int pinIterations;

    /**
     * Answers one request addressed to {@code bank}. Refusals come back as REFUSED replies and
     * change nothing; other failures propagate so the transaction rolls back.
     */
    public BankReply handle(BankId bank, BankRequest request) {
        BankReply reply = new BankRequestHandler(ledger(bank), pinKeys.openerFor(bank), repository).handle(request, clock.instant());
        LOG.fine(() -> "bank " + bank + " answered " + request.kind() + " " + request.correlationId() + ": " + reply.outcome());
        return reply;
    }

    /** Opens one of the bank's own accounts (EMS clearing, capital): no PIN, no credit limit. */
    public void openInternalAccount(AccountNumber number, String name, String currency) {
        ledger(number.bank()).open(Account.internal(number, name, currency, clock.instant()));
    }

    /** Opens a customer account; the PIN is hashed here and the caller's array is cleared. */
    public void openCustomerAccount(AccountNumber number, String holderName, String currency, AccountKind kind,
                                    long creditLimitMinor, char[] pin) {
        try {
            PinHash hash = PinHash.create(pin, random, pinIterations);
            ledger(number.bank()).open(new Account(number, holderName, currency, kind, creditLimitMinor, hash, clock.instant()));
        } finally {
            if (pin != null) {
                java.util.Arrays.fill(pin, '\0');
            }
        }
    }

    /** Whether an account exists (opening is not idempotent: callers that may repeat ask first). */
    public boolean accountExists(AccountNumber number) {
        return repository.findAccount(number).isPresent();
    }

    /** Funds {@code account} from the bank's internal {@code from} account (OPENING_BALANCE), idempotently by key. */
    public UUID fund(String idempotencyKey, AccountNumber from, AccountNumber account, LedgerAmount amount) {
        JournalEntry entry = ledger(account.bank()).post(idempotencyKey, EntryKind.OPENING_BALANCE, from, account, amount,
                clock.instant());
        return entry.id();
    }

    public void assignTerminal(String terminalId, AccountNumber payee) {
        AssignedTerminal terminal = ledger(payee.bank()).assignTerminal(terminalId, payee, clock.instant());
        LOG.info(() -> "bank " + payee.bank() + " assigned terminal " + terminal.terminalId());
    }

    public LedgerAmount balance(AccountNumber number) {
        return ledger(number.bank()).balance(number);
    }

    /** The trial balance of the whole store (all built-in banks share it; per currency). */
    public TrialBalance trialBalance(BankId bank) {
        return ledger(bank).trialBalance();
    }

    /**
     * What a terminal or teller module holding {@code bank}'s PIN key does: seals a PIN for the
     * request {@code correlationId}. For tests and the demo; the clear PIN is cleared here.
     */
    public byte[] sealPin(BankId bank, UUID correlationId, char[] pin) {
        try {
            return pinKeys.seal(bank, correlationId, pin);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    private Ledger ledger(BankId bank) {
        return new Ledger(bank, repository);
    }
}
