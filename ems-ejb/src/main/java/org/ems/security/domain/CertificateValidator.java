package org.ems.security.domain;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The patent's "Certificate Structure And Validation", every step, in order:
 * <pre>
 * 1) Validate Cert(SS)                          2) Validate Cert(M)
 *  a) PSS(id) = [PSS(id) XOR C] XOR C is an      a) validate Cert(SS) (all of 1); then the
 *     active PSS -> UNKNOWN_ISSUER                   masked issuer of Cert(M) is Cert(SS)'s
 *  b) decrypt = structural decode (done by           subject -> WRONG_ISSUER
 *     {@link Certificate#decode}) -> MALFORMED    b) as 1b
 *  c) SS(id) authentic for its role              c) M(id) authentic for the expected role
 *     -> WRONG_ROLE, ID_NOT_AUTHENTIC;               -> WRONG_ROLE, ID_NOT_AUTHENTIC, BAD_LISTED
 *     on the bad-ID list -> BAD_LISTED           d) as 1d, e) as 1e with the SS's key
 *  d) dates valid -> EXPIRED
 *  e) signature verifies with the PSS key -> BAD_SIGNATURE
 * </pre>
 * Before e), the key-length policy, if one is set: KEY_TOO_SHORT. Cheap checks come first so
 * that forged input costs no signature verification. Nothing is cached between calls: each
 * validation re-checks the whole chain, because the lists it checks against may change. The one
 * exception is {@link #forOneCheck()}: a copy for a single composite check (one payment's notes)
 * that verifies each distinct certificate signature once, every other step still running for
 * every certificate.
 *
 * <p>The PSS key list and bad-ID list given here are trusted as they are: verify them when they
 * are received ({@link PssKeyList#verifyAgainst}, {@link BadIdList#verify}), not on every use.
 * Immutable and thread-safe; the {@code with...} methods return configured copies.
 */
public final class CertificateValidator {

    /** A clock-skew allowance above this would make "not yet valid" meaningless. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final NumberingScheme scheme;
    private final PssKeyList pssKeys;
    private final BadIdList badIds;
    private final Clock clock;
    private final KeyLengthPolicy keyLengthPolicy;
    private final Duration clockSkew;
    /** Signatures verified within one composite check ({@link #forOneCheck()}), else null. */
    private final Set<ByteBuffer> verifiedSignatures;

    /** Strict dates (no skew allowance) and no key-length minimum beyond the supported curves. */
    public CertificateValidator(NumberingScheme scheme, PssKeyList activePssKeys, BadIdList badIds, Clock clock) {
        this(scheme, activePssKeys, badIds, clock, null, Duration.ZERO, null);
    }

    private CertificateValidator(NumberingScheme scheme, PssKeyList pssKeys, BadIdList badIds, Clock clock,
            KeyLengthPolicy keyLengthPolicy, Duration clockSkew, Set<ByteBuffer> verifiedSignatures) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.pssKeys = Objects.requireNonNull(pssKeys, "pssKeys");
        this.badIds = Objects.requireNonNull(badIds, "badIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyLengthPolicy = keyLengthPolicy;
        this.clockSkew = clockSkew;
        this.verifiedSignatures = verifiedSignatures;
    }

    /** A copy that also rejects keys shorter than the policy requires (KEY_TOO_SHORT). */
    public CertificateValidator withKeyLengthPolicy(KeyLengthPolicy policy) {
        return new CertificateValidator(scheme, pssKeys, badIds, clock, Objects.requireNonNull(policy), clockSkew, verifiedSignatures);
    }

    /** A copy that accepts certificates issued up to {@code tolerance} in its clock's future. */
    public CertificateValidator withClockSkewTolerance(Duration tolerance) {
        if (tolerance.isNegative() || tolerance.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew tolerance outside 0.." + MAX_CLOCK_SKEW);
        }
        return new CertificateValidator(scheme, pssKeys, badIds, clock, keyLengthPolicy, tolerance, verifiedSignatures);
    }

    /**
     * A copy for one composite check on one thread (all certificates of one payment's notes): a
     * certificate whose signature verified under an issuer key is not verified again by this copy;
     * every other step still runs for each certificate. Not thread-safe; discard it after the check.
     */
    public CertificateValidator forOneCheck() {
        return new CertificateValidator(scheme, pssKeys, badIds, clock, keyLengthPolicy, clockSkew, new HashSet<>());
    }

    public void validateSecurityServer(Certificate cert, ExpiryCheck expiry) {
        validateSecurityServer(cert, expiry, clock.instant());
    }

    public void validateModule(Certificate cert, ModuleRole expectedRole, ExpiryCheck expiry) {
        if (!expectedRole.isCertifiedBySecurityServer()) {
            throw new IllegalArgumentException(expectedRole + " has no module certificate");
        }
        Instant now = clock.instant();
        Certificate ssCert = cert.issuerCertificate().orElseThrow(() ->
                rejected(RejectionReason.WRONG_ROLE, "a security server certificate where a module's was expected"));
        validateSecurityServer(ssCert, expiry, now);                  // 2a
        checkIssuedBy(cert, ssCert);                                  // 2a, the link
        checkIdentity(cert, expectedRole);                            // 2c
        checkDates(cert, expiry, now);                                // 2d
        checkKeyLength(cert);
        checkSignature(cert, ssCert.publicKey(), "security server");  // 2e
    }

    /** Decodes (step b, MALFORMED) and validates a module certificate; returns it. */
    public Certificate decodeAndValidateModule(byte[] encoded, ModuleRole expectedRole, ExpiryCheck expiry) {
        Certificate cert = Certificate.decode(encoded);
        validateModule(cert, expectedRole, expiry);
        return cert;
    }

    private void validateSecurityServer(Certificate cert, ExpiryCheck expiry, Instant now) {
        PublicKey pssKey = activePssKey(cert);                        // 1a
        checkIdentity(cert, ModuleRole.SECURITY_SERVER);              // 1c
        checkDates(cert, expiry, now);                                // 1d
        checkKeyLength(cert);
        checkSignature(cert, pssKey, "primary security server");      // 1e
    }

    private PublicKey activePssKey(Certificate cert) {
        ModuleId pssId;
        try {
            pssId = cert.issuerId(scheme);
        } catch (IllegalArgumentException e) {
            throw rejected(RejectionReason.UNKNOWN_ISSUER, "the masked issuer is no id");
        }
        PublicKey key = pssKeys.keyOf(pssId).orElseThrow(() ->
                rejected(RejectionReason.UNKNOWN_ISSUER, "issuer " + pssId + " is not an active PSS"));
        if (!scheme.isAuthentic(pssId, ModuleRole.PRIMARY_SECURITY_SERVER)) {
            throw rejected(RejectionReason.ID_NOT_AUTHENTIC, "PSS id " + pssId);
        }
        return key;
    }

    private void checkIssuedBy(Certificate cert, Certificate ssCert) {
        if ((cert.maskedIssuerId() ^ scheme.c()) != ssCert.subjectId().value()) {
            throw rejected(RejectionReason.WRONG_ISSUER, "attached Cert(SS) is of " + ssCert.subjectId());
        }
    }

    private void checkIdentity(Certificate cert, ModuleRole expectedRole) {
        if (cert.subjectRole() != expectedRole) {
            throw rejected(RejectionReason.WRONG_ROLE, cert.subjectRole() + " where " + expectedRole + " was expected");
        }
        if (!scheme.isAuthentic(cert.subjectId(), expectedRole)) {
            throw rejected(RejectionReason.ID_NOT_AUTHENTIC, expectedRole + " " + cert.subjectId());
        }
        if (badIds.contains(cert.subjectId())) {
            throw rejected(RejectionReason.BAD_LISTED, cert.subjectRole() + " " + cert.subjectId());
        }
    }

    private void checkDates(Certificate cert, ExpiryCheck expiry, Instant now) {
        if (cert.issuedAt().isAfter(now.plus(clockSkew))) {
            throw rejected(RejectionReason.EXPIRED, "issued in the future, at " + cert.issuedAt());
        }
        if (expiry == ExpiryCheck.ENFORCE && !now.isBefore(cert.expiresAt())) {
            throw rejected(RejectionReason.EXPIRED, "expired at " + cert.expiresAt());
        }
    }

    private void checkKeyLength(Certificate cert) {
        if (keyLengthPolicy != null && !keyLengthPolicy.isSatisfiedBy(cert)) {
            throw rejected(RejectionReason.KEY_TOO_SHORT, cert.keyLength() + " for " + cert.subjectRole());
        }
    }

    private void checkSignature(Certificate cert, PublicKey issuerKey, String issuer) {
        ByteBuffer key = null;
        if (verifiedSignatures != null) {
            byte[] certificate = cert.encoded();
            byte[] issuerEncoded = issuerKey.getEncoded();
            key = ByteBuffer.allocate(certificate.length + issuerEncoded.length).put(certificate).put(issuerEncoded).flip();
            if (verifiedSignatures.contains(key)) {
                return;
            }
        }
        if (!cert.isSignedBy(issuerKey)) {
            throw rejected(RejectionReason.BAD_SIGNATURE, "not signed by the " + issuer);
        }
        if (key != null) {
            verifiedSignatures.add(key);
        }
    }

    private static CertificateRejectedException rejected(RejectionReason reason, String detail) {
        return new CertificateRejectedException(reason, detail);
    }
}
