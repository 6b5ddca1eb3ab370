package org.ems.bank.domain;

import java.util.regex.Pattern;

/**
 * A bank's code (e.g. a 4-digit Japanese bank code or a BIC's first 4-8 characters): 3 to 8
 * upper-case letters or digits. Bounded so it fits the account number column and messages.
 */
public record BankId(String code) {

    private static final Pattern VALID = Pattern.compile("[A-Z0-9]{3,8}");

    public BankId {
        if (code == null || !VALID.matcher(code).matches()) {
            throw new IllegalArgumentException("bank code must be 3-8 of A-Z, 0-9: " + code);
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
