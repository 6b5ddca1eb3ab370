package org.ems.csm.domain;

import java.util.Objects;

/** A lost-note claim was refused; {@link #reason()} says why. Nothing is filed and nothing is marked. */
public final class ClaimRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ClaimRejection reason;

    public ClaimRejectedException(ClaimRejection reason, String detail) {
        this(reason, detail, null);
    }

    public ClaimRejectedException(ClaimRejection reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + reason.message() + " (" + detail + ")", cause);
        this.reason = reason;
    }

    public ClaimRejection reason() {
        return reason;
    }
}
