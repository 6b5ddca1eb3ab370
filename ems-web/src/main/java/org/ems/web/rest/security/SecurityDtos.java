package org.ems.web.rest.security;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.ems.security.application.SecurityServerSummary;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;

/** The JSON shapes of the security administration API. Binary values are base64 (RFC 4648). */
public final class SecurityDtos {

    private SecurityDtos() {
    }

    /** A certificate as issued: its fields in clear and the whole encoded certificate. */
    public record CertificateView(long id, String role, int keyLengthBits, Instant issuedAt, Instant expiresAt,
                                  Long issuedBy, String certificate) {

        static CertificateView of(Certificate c) {
            Long issuer = c.issuerCertificate().map(ss -> ss.subjectId().value()).orElse(null);
            return new CertificateView(c.subjectId().value(), c.subjectRole().name(), c.keyLength().bits(),
                    c.issuedAt(), c.expiresAt(), issuer, Base64.getEncoder().encodeToString(c.encoded()));
        }
    }

    /** A security server: its certificate's fields, the bad-ID list version it holds, and the certificate. */
    public record SecurityServerView(long id, int keyLengthBits, Instant issuedAt, Instant expiresAt,
                                     long badIdListVersion, String certificate) {

        static SecurityServerView of(SecurityServerSummary s) {
            return new SecurityServerView(s.id(), s.keyLengthBits(), s.issuedAt(), s.expiresAt(), s.badIdListVersion(),
                    Base64.getEncoder().encodeToString(s.certificate()));
        }
    }

    /** A module's request to be certified: its role and its public key (X.509 SubjectPublicKeyInfo, DER). */
    public record CertifyModuleRequest(String role, String publicKey) {
    }

    /** A certificate to validate, and the role its subject must have. */
    public record ValidationRequest(String certificate, String role) {
    }

    /** The outcome of a validation: valid, or the patent step that refused it. */
    public record ValidationResult(boolean valid, String reason, String message) {
    }

    /** Ids to add to the bad-ID list. */
    public record BadIdsRequest(List<Long> ids) {
    }

    /** A version of the bad-ID list. */
    public record BadIdListView(long version, List<Long> ids, Instant issuedAt, long signedBy) {

        static BadIdListView of(BadIdList list) {
            return new BadIdListView(list.version(), list.ids().stream().map(id -> id.value()).sorted().toList(),
                    list.issuedAt(), list.signerId().value());
        }
    }

    /** Key lengths, in bits, that new security server and module keys must have. */
    public record KeyLengthPolicyView(long version, int securityServers, int modules) {
    }

    /** A global recertification call: certificates issued before {@code from} renew by {@code until}. */
    public record GlobalRecertificationRequest(long calledBy, Instant from, Instant until) {
    }

    /** A primary security server's id. */
    public record PrimaryServerView(long id) {
    }
}
