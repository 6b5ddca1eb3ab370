package org.ems.security.domain;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;

/**
 * Issues certificates: primary security servers certify security servers, security servers
 * certify all other modules. Refuses (IllegalArgumentException) rather than issue anything the
 * validator would reject for a reason the issuer can see: an id not authentic for its role, a
 * role the issuer may not certify, a PSS key that is not P-521, dates in the wrong order, or a
 * signing key that does not belong to the issuing SS's certificate.
 *
 * <p>Dates are truncated to milliseconds, the resolution of the canonical encoding.
 */
public final class CertificateIssuer {

    /** The roles a security server certifies: all but the two kinds of security server. */
    public static final Set<ModuleRole> MODULE_ROLES = Collections.unmodifiableSet(EnumSet.of(
            ModuleRole.TELLER, ModuleRole.MONEY_GENERATOR, ModuleRole.CUSTOMER_SERVICE, ModuleRole.TRANSACTION));

    private CertificateIssuer() {
    }

    public static Certificate certifySecurityServer(ModuleId pssId, PrivateKey pssKey, ModuleId ssId, PublicKey ssKey,
            Instant issuedAt, Instant expiresAt, NumberingScheme scheme) {
        requireAuthentic(scheme, pssId, ModuleRole.PRIMARY_SECURITY_SERVER);
        requireAuthentic(scheme, ssId, ModuleRole.SECURITY_SERVER);
        if (KeyLength.of(pssKey) != PssKeyList.PSS_KEY_LENGTH) {
            throw new IllegalArgumentException("primary security servers sign with " + PssKeyList.PSS_KEY_LENGTH);
        }
        byte[] payload = Certificate.payload(ssId, ModuleRole.SECURITY_SERVER, ssKey,
                millis(issuedAt), checkedExpiry(issuedAt, expiresAt), scheme.mask(pssId));
        return Certificate.assemble(payload, Crypto.sign(pssKey, payload), null);
    }

    public static Certificate certifyModule(Certificate ssCertificate, PrivateKey ssKey, ModuleId moduleId, ModuleRole role,
            PublicKey moduleKey, Instant issuedAt, Instant expiresAt, NumberingScheme scheme) {
        if (ssCertificate.subjectRole() != ModuleRole.SECURITY_SERVER) {
            throw new IllegalArgumentException("only a security server certifies modules, not " + ssCertificate.subjectRole());
        }
        if (!MODULE_ROLES.contains(role)) {
            throw new IllegalArgumentException("a security server does not certify " + role);
        }
        requireAuthentic(scheme, ssCertificate.subjectId(), ModuleRole.SECURITY_SERVER);
        requireAuthentic(scheme, moduleId, role);
        byte[] payload = Certificate.payload(moduleId, role, moduleKey,
                millis(issuedAt), checkedExpiry(issuedAt, expiresAt), scheme.mask(ssCertificate.subjectId()));
        byte[] signature = Crypto.sign(ssKey, payload);
        // sign and verify side by side: a key that is not the certificate's would issue
        // certificates that every validator rejects
        if (!Crypto.verify(ssCertificate.publicKey(), payload, signature)) {
            throw new IllegalArgumentException("the signing key does not belong to the security server's certificate");
        }
        return Certificate.assemble(payload, signature, ssCertificate);
    }

    private static void requireAuthentic(NumberingScheme scheme, ModuleId id, ModuleRole role) {
        if (!scheme.isAuthentic(id, role)) {
            throw new IllegalArgumentException("id " + id + " is not authentic for " + role);
        }
    }

    private static Instant checkedExpiry(Instant issuedAt, Instant expiresAt) {
        Instant expiry = millis(expiresAt);
        if (!millis(issuedAt).isBefore(expiry)) {
            throw new IllegalArgumentException("a certificate must expire after it is issued");
        }
        return expiry;
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
