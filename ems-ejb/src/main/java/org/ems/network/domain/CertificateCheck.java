package org.ems.network.domain;

import java.util.Optional;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;

/**
 * Validates a peer's certificate whatever its kind: a security server's (Cert(SS)) or a
 * module's (Cert(M) with its Cert(SS)); the patent lets a security server take either side of
 * a session. Answers the rejection reason instead of throwing, since every caller branches on it.
 */
public final class CertificateCheck {

    private CertificateCheck() {
    }

    /** Empty when valid; else why not. BAD_LISTED is the patent's separate "bad ID" branch. */
    public static Optional<RejectionReason> problemWith(CertificateValidator validator, Certificate certificate, ExpiryCheck expiry) {
        try {
            if (certificate.subjectRole() == ModuleRole.SECURITY_SERVER) {
                validator.validateSecurityServer(certificate, expiry);
            } else if (certificate.subjectRole().isCertifiedBySecurityServer()) {
                validator.validateModule(certificate, certificate.subjectRole(), expiry);
            } else {
                return Optional.of(RejectionReason.WRONG_ROLE);
            }
            return Optional.empty();
        } catch (CertificateRejectedException e) {
            return Optional.of(e.reason());
        }
    }

    /** The session outcome for a peer certificate that failed: bad ID or invalid certificate. */
    public static Outcome sessionTermination(RejectionReason reason) {
        return reason == RejectionReason.BAD_LISTED ? Outcome.SESSION_TERMINATED_BAD_ID : Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE;
    }
}
