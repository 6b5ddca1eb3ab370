package org.ems.csm.domain;

import java.util.Objects;

/** An account profile step was refused; {@link #reason()} says why. The transaction is aborted and nothing is stored. */
public final class ProfileRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProfileRejection reason;

    public ProfileRejectedException(ProfileRejection reason, String detail) {
        this(reason, detail, null);
    }

    public ProfileRejectedException(ProfileRejection reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + reason.message() + " (" + detail + ")", cause);
        this.reason = reason;
    }

    public ProfileRejection reason() {
        return reason;
    }
}
