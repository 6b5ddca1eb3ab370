package org.ems.csm.domain;

import java.util.Objects;
import org.ems.bank.domain.AccountNumber;

/**
 * One account as the bank's on-line system reports it to the CSM host (figure 18, steps
 * 1930-1934; figure 19, steps 1996-2001): number, type, and whether it is active now.
 */
public record BankAccountRecord(AccountNumber number, AccountType type, boolean active) {

    public BankAccountRecord {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
    }

    public LinkedAccount linked() {
        return new LinkedAccount(number, type);
    }
}
