package org.ems.money.domain;

import java.util.Objects;

/** A received note failed a check of figure 8; {@link #reason()} says which. The transaction is aborted. */
public final class NoteRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final NoteRejection reason;

    public NoteRejectedException(NoteRejection reason, String detail) {
        this(reason, detail, null);
    }

    public NoteRejectedException(NoteRejection reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + reason.message() + " (" + detail + ")", cause);
        this.reason = reason;
    }

    public NoteRejection reason() {
        return reason;
    }
}
