package org.ems.money.teller;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.CurrencyCode;
import org.ems.security.domain.ModuleId;

/**
 * A bank's EMS desk: its teller money module, its money generator, and the bank's EMS clearing
 * account per currency (credited by withdrawals, debited by deposits: the value of the bank's
 * notes outstanding).
 */
@Entity
@Table(name = "TELLER_DESK")
public class TellerDesk {

    @Id
    @Column(length = 8)
    private String bankCode;

    @Column(nullable = false, unique = true)
    private long tellerId;

    @Column(nullable = false, unique = true)
    private long generatorId;

    /** {@code CUR=ACCOUNT} pairs separated by {@code ;}, e.g. {@code JPY=BANKA-1-900}. */
    @Column(nullable = false, length = 1000)
    private String clearingAccounts;

    protected TellerDesk() {
        // for JPA
    }

    public TellerDesk(BankId bank, ModuleId teller, ModuleId generator, Map<CurrencyCode, AccountNumber> clearing) {
        if (clearing.isEmpty()) {
            throw new IllegalArgumentException("a desk needs a clearing account for at least one currency");
        }
        clearing.forEach((currency, account) -> {
            if (!account.isAt(bank)) {
                throw new IllegalArgumentException("clearing account " + account + " is not at " + bank);
            }
        });
        this.bankCode = bank.code();
        this.tellerId = teller.value();
        this.generatorId = generator.value();
        StringBuilder text = new StringBuilder();
        clearing.forEach((currency, account) -> text.append(text.isEmpty() ? "" : ";").append(currency.code()).append('=').append(account));
        this.clearingAccounts = text.toString();
    }

    public BankId bank() {
        return new BankId(bankCode);
    }

    public ModuleId teller() {
        return new ModuleId(tellerId);
    }

    public ModuleId generator() {
        return new ModuleId(generatorId);
    }

    public Map<CurrencyCode, AccountNumber> clearingAccounts() {
        Map<CurrencyCode, AccountNumber> accounts = new LinkedHashMap<>();
        for (String pair : clearingAccounts.split(";")) {
            String[] parts = pair.split("=", 2);
            accounts.put(CurrencyCode.of(parts[0]), AccountNumber.parse(parts[1]));
        }
        return accounts;
    }

    public Optional<AccountNumber> clearing(CurrencyCode currency) {
        return Optional.ofNullable(clearingAccounts().get(currency));
    }
}
