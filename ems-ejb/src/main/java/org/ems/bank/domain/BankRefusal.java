package org.ems.bank.domain;

/**
 * Why the bank refused a request. The codes are stable: they travel in gateway replies and must
 * never be renumbered.
 */
public enum BankRefusal {
    UNKNOWN_ACCOUNT(1),
    FOREIGN_BANK(2),
    ACCOUNT_CLOSED(3),
    CURRENCY_MISMATCH(4),
    INSUFFICIENT_FUNDS(5),
    BALANCE_LIMIT(6),
    WRONG_PIN(7),
    UNKNOWN_TERMINAL(8),
    TERMINAL_ACCOUNT_MISMATCH(9),
    SAME_ACCOUNT(10),
    IDEMPOTENCY_CONFLICT(11),
    UNKNOWN_ENTRY(12),
    ALREADY_REVERSED(13),
    NOT_REVERSIBLE(14),
    NOT_POSITIVE(15),
    BALANCE_NOT_ZERO(16);

    private final int code;

    BankRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BankRefusal ofCode(int code) {
        for (BankRefusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        throw new IllegalArgumentException("unknown bank refusal code " + code);
    }
}
