package org.ems.bank.domain;

import java.util.regex.Pattern;

/**
 * A bank account's full number: bank code, branch code (1-6 digits) and account number (1-20
 * digits). The text form {@code BANK-BRANCH-NUMBER} is canonical (at most 36 characters) and is
 * what the database and the gateway messages store; {@link #parse} reads exactly that form.
 */
public record AccountNumber(BankId bank, String branch, String number) {

    /** Longest text form: 8 + 1 + 6 + 1 + 20. */
    public static final int MAX_TEXT_LENGTH = 36;

    private static final Pattern BRANCH = Pattern.compile("[0-9]{1,6}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");

    public AccountNumber {
        if (bank == null) {
            throw new IllegalArgumentException("account number without a bank");
        }
        if (branch == null || !BRANCH.matcher(branch).matches()) {
            throw new IllegalArgumentException("branch code must be 1-6 digits: " + branch);
        }
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("account number must be 1-20 digits: " + number);
        }
    }

    /** Reads the canonical text form {@code BANK-BRANCH-NUMBER}. */
    public static AccountNumber parse(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("account number text missing or longer than " + MAX_TEXT_LENGTH);
        }
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("account number must be BANK-BRANCH-NUMBER: " + text);
        }
        return new AccountNumber(new BankId(parts[0]), parts[1], parts[2]);
    }

    public boolean isAt(BankId other) {
        return bank.equals(other);
    }

    @Override
    public String toString() {
        return bank.code() + "-" + branch + "-" + number;
    }
}
