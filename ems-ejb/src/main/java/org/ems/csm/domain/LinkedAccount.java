package org.ems.csm.domain;

import java.util.Objects;
import org.ems.bank.domain.AccountNumber;

/** One entry of an account profile's list LA: an account number and its type. */
public record LinkedAccount(AccountNumber number, AccountType type) {

    public LinkedAccount {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
    }
}
