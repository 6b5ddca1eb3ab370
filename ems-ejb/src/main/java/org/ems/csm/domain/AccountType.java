package org.ems.csm.domain;

import org.ems.crypto.StableCode;

/** The type of a linked account, as the account profile lists it: "deposit or loan". Codes are stable (they are signed). */
public enum AccountType implements StableCode {
    DEPOSIT(1),
    LOAN(2);

    private final int code;

    AccountType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    static AccountType ofCode(int code) {
        return StableCode.ofCode(AccountType.class, code, "account type");
    }
}
