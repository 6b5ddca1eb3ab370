package org.ems.settlement.domain;

import java.util.Objects;

/**
 * A trade, trade line or book change was refused; {@link #reason()} says why. A refusal changes
 * nothing: every check runs before any change.
 */
public final class TradeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TradeRefusal reason;

    public TradeRefusedException(TradeRefusal reason, String detail) {
        this(reason, detail, null);
    }

    public TradeRefusedException(TradeRefusal reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + reason.message() + " (" + detail + ")", cause);
        this.reason = reason;
    }

    public TradeRefusal reason() {
        return reason;
    }
}
