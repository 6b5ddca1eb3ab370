package org.ems.security.domain;

import java.util.Objects;

/**
 * A certificate or signed security document failed a check; {@link #reason()} says which. The
 * message never holds secrets (no keys, no numbering-scheme values), so it may go to the peer.
 */
public final class CertificateRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public CertificateRejectedException(RejectionReason reason) {
        this(reason, null, null);
    }

    public CertificateRejectedException(RejectionReason reason, String detail) {
        this(reason, detail, null);
    }

    public CertificateRejectedException(RejectionReason reason, String detail, Throwable cause) {
        super(message(reason, detail), cause);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    private static String message(RejectionReason reason, String detail) {
        Objects.requireNonNull(reason, "reason");
        return detail == null ? reason.name() + ": " + reason.message() : reason.name() + ": " + reason.message() + " (" + detail + ")";
    }
}
