package org.ems.money.teller;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;

/**
 * What one bank's money generator issued and its teller took back out of circulation, per
 * currency: the two running totals of the conservation check. Optimistic locking serialises
 * concurrent updates.
 */
@Entity
@Table(name = "MONEY_CIRCULATION")
public class MoneyCirculation {

    @Id
    @Column(length = 12)
    private String id;

    @Column(nullable = false, length = 8)
    private String bankCode;

    @Column(nullable = false, length = 3)
    private String currency;

    private long issuedMinor;

    private long retiredMinor;

    @Version
    private long version;

    protected MoneyCirculation() {
        // for JPA
    }

    public MoneyCirculation(BankId bank, CurrencyCode currency) {
        this.id = idOf(bank, currency);
        this.bankCode = bank.code();
        this.currency = currency.code();
    }

    public static String idOf(BankId bank, CurrencyCode currency) {
        return bank.code() + ":" + currency.code();
    }

    public BankId bank() {
        return new BankId(bankCode);
    }

    public CurrencyCode currency() {
        return CurrencyCode.of(currency);
    }

    public Money issued() {
        return Money.of(currency(), issuedMinor);
    }

    public Money retired() {
        return Money.of(currency(), retiredMinor);
    }

    public void issue(Money value) {
        issuedMinor = issued().plus(value).amountMinor();
    }

    public void retire(Money value) {
        retiredMinor = retired().plus(value).amountMinor();
    }
}
