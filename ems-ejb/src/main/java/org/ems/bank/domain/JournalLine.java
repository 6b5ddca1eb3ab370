package org.ems.bank.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/**
 * One line of a journal entry: an account, a side and a positive amount. Immutable; compared by
 * value (a repeated idempotency key is "the same request" only if its lines are equal).
 */
@Embeddable
public class JournalLine {

    @Column(name = "ACCOUNT_NUMBER", nullable = false, length = AccountNumber.MAX_TEXT_LENGTH)
    private String account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Side side;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    protected JournalLine() {
        // for JPA
    }

    public JournalLine(AccountNumber account, Side side, LedgerAmount amount) {
        if (account == null || side == null || amount == null) {
            throw new IllegalArgumentException("a journal line needs an account, a side and an amount");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a journal line's amount is positive: " + amount);
        }
        this.account = account.toString();
        this.side = side;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
    }

    public static JournalLine debit(AccountNumber account, LedgerAmount amount) {
        return new JournalLine(account, Side.DEBIT, amount);
    }

    public static JournalLine credit(AccountNumber account, LedgerAmount amount) {
        return new JournalLine(account, Side.CREDIT, amount);
    }

    /** The same amount on the other side: a reversal's line. */
    public JournalLine reversed() {
        return new JournalLine(account(), side.opposite(), amount());
    }

    public AccountNumber account() {
        return AccountNumber.parse(account);
    }

    public Side side() {
        return side;
    }

    public LedgerAmount amount() {
        return new LedgerAmount(amountMinor, currency);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JournalLine l && account.equals(l.account) && side == l.side
                && amountMinor == l.amountMinor && currency.equals(l.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, side, amountMinor, currency);
    }

    @Override
    public String toString() {
        return side + " " + account + " " + amount();
    }
}
