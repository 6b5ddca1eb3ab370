package org.ems.bank.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A bank account at the built-in bank. The balance is the holder's: a credit raises it, a debit
 * lowers it; a deposit account normally stands above zero, a loan account below, and the bank's
 * internal accounts take whatever sign their role gives (so the balances of all accounts of one
 * currency always sum to zero: the trial balance).
 *
 * <p>Invariants: the balance only moves through {@link #debit}/{@link #credit}, and stays within
 * {@code -creditLimit .. LedgerAmount.MAX_ABS_MINOR}; a closed account takes nothing; every amount
 * is of the account's currency; customer accounts have a PIN hash, never a clear PIN. The
 * {@code @Version} column makes two transactions that change one account serialise: the later
 * commit fails and nothing is overdrawn.
 */
@Entity
@Table(name = "BANK_ACCOUNT")
public class Account {

    @Id
    @Column(length = AccountNumber.MAX_TEXT_LENGTH)
    private String number;

    @Column(nullable = false, length = 8)
    private String bank;

    @Column(nullable = false, length = 120)
    private String holderName;

    @Column(nullable = false, length = 3)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountStatus status;

    @Column(nullable = false)
    private long balanceMinor;

    @Column(nullable = false)
    private long creditLimitMinor;

    @Column(length = PinHash.SALT_BYTES)
    private byte[] pinSalt;

    @Column(length = PinHash.HASH_BYTES)
    private byte[] pinHash;

    @Column(nullable = false)
    private int pinIterations;

    @Column(nullable = false)
    private Instant openedAt;

    @Version
    private long version;

    protected Account() {
        // for JPA
    }

    /** A customer account (DEPOSIT or LOAN) with a PIN and a credit limit (0 for none). */
    public Account(AccountNumber number, String holderName, String currency, AccountKind kind,
                   long creditLimitMinor, PinHash pin, Instant openedAt) {
        if (kind == AccountKind.INTERNAL) {
            throw new IllegalArgumentException("internal accounts are opened with Account.internal");
        }
        if (pin == null) {
            throw new IllegalArgumentException("a customer account needs a PIN");
        }
        if (creditLimitMinor < 0 || creditLimitMinor > LedgerAmount.MAX_ABS_MINOR) {
            throw new IllegalArgumentException("credit limit outside 0.." + LedgerAmount.MAX_ABS_MINOR);
        }
        init(number, holderName, currency, kind, creditLimitMinor, openedAt);
        this.pinSalt = pin.salt();
        this.pinHash = pin.hash();
        this.pinIterations = pin.iterations();
    }

    /** One of the bank's own accounts: no PIN (no customer authorises it) and no credit limit. */
    public static Account internal(AccountNumber number, String name, String currency, Instant openedAt) {
        Account account = new Account();
        account.init(number, name, currency, AccountKind.INTERNAL, LedgerAmount.MAX_ABS_MINOR, openedAt);
        return account;
    }

    private void init(AccountNumber number, String holderName, String currency, AccountKind kind,
                      long creditLimitMinor, Instant openedAt) {
        if (holderName == null || holderName.isBlank() || holderName.length() > 120) {
            throw new IllegalArgumentException("holder name must be 1-120 characters");
        }
        this.number = number.toString();
        this.bank = number.bank().code();
        this.holderName = holderName;
        this.currency = LedgerAmount.requireCurrency(currency);
        this.kind = kind;
        this.status = AccountStatus.OPEN;
        this.balanceMinor = 0;
        this.creditLimitMinor = creditLimitMinor;
        this.openedAt = openedAt;
    }

    /** Refuses (changing nothing) what {@link #debit} would refuse. */
    public void checkDebit(LedgerAmount amount) {
        checkPostable(amount);
        if (balanceMinor - amount.minor() < -creditLimitMinor) {
            throw new BankRefusedException(BankRefusal.INSUFFICIENT_FUNDS, number + " cannot pay " + amount);
        }
    }

    /** Refuses (changing nothing) what {@link #credit} would refuse. */
    public void checkCredit(LedgerAmount amount) {
        checkPostable(amount);
        if (balanceMinor + amount.minor() > LedgerAmount.MAX_ABS_MINOR) {
            throw new BankRefusedException(BankRefusal.BALANCE_LIMIT, number + " cannot hold " + amount + " more");
        }
    }

    public void debit(LedgerAmount amount) {
        checkDebit(amount);
        balanceMinor -= amount.minor();
    }

    public void credit(LedgerAmount amount) {
        checkCredit(amount);
        balanceMinor += amount.minor();
    }

    /** Whether {@code pin} is this account's PIN (constant-time; internal accounts have none). */
    public boolean pinMatches(char[] pin) {
        if (pinHash == null) {
            return false;
        }
        return new PinHash(pinSalt, pinHash, pinIterations).matches(pin);
    }

    /** Closes a settled account for good; money is never closed away, so the balance must be zero. */
    public void close() {
        if (status == AccountStatus.CLOSED) {
            return;
        }
        if (balanceMinor != 0) {
            throw new BankRefusedException(BankRefusal.BALANCE_NOT_ZERO, number + " holds " + balance());
        }
        status = AccountStatus.CLOSED;
    }

    private void checkPostable(LedgerAmount amount) {
        if (!amount.isPositive()) {
            throw new BankRefusedException(BankRefusal.NOT_POSITIVE, "amount " + amount);
        }
        if (status != AccountStatus.OPEN) {
            throw new BankRefusedException(BankRefusal.ACCOUNT_CLOSED, number);
        }
        if (!currency.equals(amount.currency())) {
            throw new BankRefusedException(BankRefusal.CURRENCY_MISMATCH, number + " keeps " + currency + ", not " + amount.currency());
        }
    }

    public AccountNumber number() {
        return AccountNumber.parse(number);
    }

    public String holderName() {
        return holderName;
    }

    public String currency() {
        return currency;
    }

    public AccountKind kind() {
        return kind;
    }

    public AccountStatus status() {
        return status;
    }

    public boolean isOpen() {
        return status == AccountStatus.OPEN;
    }

    public LedgerAmount balance() {
        return new LedgerAmount(balanceMinor, currency);
    }

    public long creditLimitMinor() {
        return creditLimitMinor;
    }

    public long version() {
        return version;
    }

    /** No PIN material: logs may print accounts. */
    @Override
    public String toString() {
        return "Account[" + number + ", " + kind + ", " + status + ", " + balance() + "]";
    }
}
