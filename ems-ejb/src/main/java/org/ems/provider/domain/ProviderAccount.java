package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;

/**
 * The provider's account at one bank (the provider holds one at every bank where a user or a
 * merchant has one): charges at that bank pay into it, and merchants at that bank are settled
 * from it. Its PIN is kept sealed at rest; it leaves the host only as a PIN block sealed to the
 * bank for one settlement request (never in clear to a terminal). One per bank code; immutable.
 */
@Entity
@Table(name = "PROVIDER_ACCOUNT")
public class ProviderAccount {

    @Id
    @Column(length = 8)
    private String bankCode;

    @Column(nullable = false, length = AccountNumber.MAX_TEXT_LENGTH)
    private String account;

    @Lob
    @Column(nullable = false)
    private byte[] pinSealed;

    @Column(nullable = false)
    private Instant registeredAt;

    protected ProviderAccount() {
        // for JPA
    }

    public ProviderAccount(AccountNumber account, byte[] pinSealed, Instant registeredAt) {
        this.bankCode = account.bank().code();
        this.account = account.toString();
        this.pinSealed = pinSealed.clone();
        this.registeredAt = registeredAt;
    }

    public BankId bank() {
        return new BankId(bankCode);
    }

    public AccountNumber account() {
        return AccountNumber.parse(account);
    }

    public byte[] pinSealed() {
        return pinSealed.clone();
    }
}
