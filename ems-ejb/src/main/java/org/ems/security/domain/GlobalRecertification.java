package org.ems.security.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A primary security server's call for global recertification "in case of a dangerous breach of
 * security": during [from, until) every certificate issued before {@code from} must be renewed
 * at sign-on. Instants are truncated to milliseconds, the resolution of the signed form
 * ({@link SignedGlobalRecertification}).
 */
public record GlobalRecertification(ModuleId calledBy, Instant from, Instant until) {

    public GlobalRecertification {
        Objects.requireNonNull(calledBy, "calledBy");
        from = from.truncatedTo(ChronoUnit.MILLIS);
        until = until.truncatedTo(ChronoUnit.MILLIS);
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a recertification period must end after it starts");
        }
    }

    /** True when now is within [from, until) and the certificate was issued before {@code from}. */
    public boolean requiresRecertification(Certificate certificate, Instant now) {
        return !now.isBefore(from) && now.isBefore(until) && certificate.issuedAt().isBefore(from);
    }

    /** Shorthand: the encoded {@link SignedGlobalRecertification}, signed with the caller's key. */
    public byte[] sign(PrivateKey callerKey) {
        return SignedGlobalRecertification.sign(this, callerKey).encoded();
    }

    /** Shorthand: decodes a {@link SignedGlobalRecertification} and verifies it against the PSS key list. */
    public static GlobalRecertification decodeVerified(byte[] encoded, PssKeyList pssKeys) {
        SignedGlobalRecertification signed = SignedGlobalRecertification.decode(encoded);
        signed.verify(pssKeys);
        return signed.call();
    }
}
