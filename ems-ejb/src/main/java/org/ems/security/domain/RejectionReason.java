package org.ems.security.domain;

/** Why a certificate or a signed security document was refused; each has a message for logs and peers. */
public enum RejectionReason {
    MALFORMED("the certificate or document does not decode"),
    UNKNOWN_ISSUER("the issuer is not an active primary security server"),
    ID_NOT_AUTHENTIC("the id is not authentic for its role under the numbering scheme"),
    WRONG_ROLE("the certificate is not of the role expected here"),
    EXPIRED("the certificate has expired or is not yet valid"),
    BAD_SIGNATURE("the signature does not verify with the issuer's key"),
    WRONG_ISSUER("the module certificate names another security server than the one attached"),
    BAD_LISTED("the id is on the bad-ID list"),
    KEY_TOO_SHORT("the key is shorter than the key-length policy requires"),
    /** Not in the original list: a security list older than or as old as the one already held (replay, rollback). */
    STALE_VERSION("the version is not newer than the one held");

    private final String message;

    RejectionReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
