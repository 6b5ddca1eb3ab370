package org.ems.provider.domain;

/**
 * A step of the e-money scheme was refused for a typed reason. Checks run before any change, so
 * a refusal leaves the refusing aggregate as it was, except where its class comment says that the
 * refusal itself is recorded (a wrong card PIN counts; a wrong callback answer uses up the
 * challenge). The detail never holds a PIN, a key or an answer.
 */
public class ProviderRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProviderRefusal reason;

    public ProviderRefusedException(ProviderRefusal reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public ProviderRefusal reason() {
        return reason;
    }

    static void refuseUnless(boolean condition, ProviderRefusal reason, String detail) {
        if (!condition) {
            throw new ProviderRefusedException(reason, detail);
        }
    }
}
