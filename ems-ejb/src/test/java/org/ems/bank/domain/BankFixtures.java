package org.ems.bank.domain;

import java.security.SecureRandom;
import java.time.Instant;

/** Accounts and PINs for bank tests; PIN hashes use the lowest work factor allowed, to stay fast. */
public final class BankFixtures {

    public static final BankId BANK = new BankId("0001");
    public static final BankId OTHER_BANK = new BankId("0002");
    public static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    public static final char[] PIN = "4711".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private BankFixtures() {
    }

    public static AccountNumber number(String digits) {
        return new AccountNumber(BANK, "001", digits);
    }

    public static PinHash pin(char[] pin) {
        return PinHash.create(pin, RANDOM, PinHash.MIN_ITERATIONS);
    }

    public static Account deposit(String digits, String currency, long creditLimitMinor) {
        return new Account(number(digits), "Holder " + digits, currency, AccountKind.DEPOSIT, creditLimitMinor, pin(PIN), T0);
    }

    public static Account internal(String digits, String currency) {
        return Account.internal(number(digits), "EMS clearing " + currency, currency, T0);
    }

    public static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, "JPY");
    }
}
