package org.ems.csm.domain;

import java.time.Instant;
import java.util.Objects;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;

/**
 * Maintain Security and Public Key's checks of an account profile, wherever one is received: by
 * the money module (figure 18, steps 1958-1962; figure 19, step 2012), by the CSM revalidating it
 * (figure 19, steps 1992-1995), by a teller validating an account number (figure 20, steps
 * 2020-2022). Cheap checks first, the signature last of the issuer checks, as the certificate
 * validator does. Immutable.
 */
public final class ProfileChecks {

    private final CertificateValidator validator;

    /** {@code validator}: the checking module's, with its current PSS keys and bad-ID list. */
    public ProfileChecks(CertificateValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Cert(CSM) is a valid, unexpired CUSTOMER_SERVICE certificate whose id is not bad-listed
     * (CSM_BAD_LISTED, CSM_CERTIFICATE_INVALID), and sigma_csm verifies with its key (BAD_SIGNATURE).
     */
    public void checkIssuer(AccountProfile profile) {
        checkIssuer(profile, ExpiryCheck.ENFORCE);
    }

    /**
     * As {@link #checkIssuer(AccountProfile)}; with {@link ExpiryCheck#IGNORE} a Cert(CSM) that has
     * expired since is accepted if it was valid when the profile was issued (revalidation: the CSM
     * that signed an old profile may have been recertified since). Bad listing is checked either way.
     */
    public void checkIssuer(AccountProfile profile, ExpiryCheck expiry) {
        Certificate cert = profile.csmCertificate();
        try {
            validator.validateModule(cert, ModuleRole.CUSTOMER_SERVICE, expiry);
        } catch (CertificateRejectedException e) {
            ProfileRejection reason = e.reason() == RejectionReason.BAD_LISTED
                    ? ProfileRejection.CSM_BAD_LISTED : ProfileRejection.CSM_CERTIFICATE_INVALID;
            throw new ProfileRejectedException(reason, e.getMessage(), e);
        }
        if (profile.issuedAt().isBefore(cert.issuedAt()) || !profile.issuedAt().isBefore(cert.expiresAt())) {
            throw new ProfileRejectedException(ProfileRejection.CSM_CERTIFICATE_INVALID, "profile issued at " + profile.issuedAt()
                    + ", outside its Cert(CSM)'s validity");
        }
        if (!profile.isSignedByItsCsm()) {
            throw new ProfileRejectedException(ProfileRejection.BAD_SIGNATURE, "sigma_csm does not verify with Cert(CSM) "
                    + profile.csmCertificate().subjectId());
        }
    }

    /** The profile names {@code module} (WRONG_MODULE). */
    public static void checkModule(AccountProfile profile, ModuleId module) {
        if (!profile.moduleId().equals(module)) {
            throw new ProfileRejectedException(ProfileRejection.WRONG_MODULE, "profile of " + profile.moduleId() + ", not of " + module);
        }
    }

    /** The profile has not expired at {@code now} (EXPIRED). */
    public static void checkNotExpired(AccountProfile profile, Instant now) {
        if (profile.isExpiredAt(now)) {
            throw new ProfileRejectedException(ProfileRejection.EXPIRED, "expired at " + profile.expiresAt());
        }
    }

    /** What a money module checks of a profile offered to it: the issuer, its own id, not expired. */
    public void checkOffered(AccountProfile profile, ModuleId self, Instant now) {
        checkIssuer(profile);
        checkModule(profile, self);
        checkNotExpired(profile, now);
    }
}
