package org.ems.bank.domain;

/**
 * The bank refused a request for a typed reason; the refusal changed nothing (checks run before
 * any change, and the application rolls the transaction back). The detail never holds a PIN.
 */
public class BankRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final BankRefusal reason;

    public BankRefusedException(BankRefusal reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public BankRefusal reason() {
        return reason;
    }
}
