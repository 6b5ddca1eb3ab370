package org.ems.csm.domain;

import org.ems.crypto.StableCode;

/**
 * Why an account profile, or a step that uses one (link, revalidate, validate account number),
 * was refused. Codes are stable for logs and abort messages.
 */
public enum ProfileRejection implements StableCode {
    MALFORMED(1, "the account profile does not decode"),
    CSM_CERTIFICATE_INVALID(2, "the certificate of the customer service module is invalid"),
    CSM_BAD_LISTED(3, "the customer service module is on the bad-ID list"),
    BAD_SIGNATURE(4, "the account profile is not signed by the customer service module"),
    WRONG_MODULE(5, "the account profile is for another money module"),
    WRONG_BANK(6, "the account profile is for another bank"),
    EXPIRED(7, "the account profile has expired"),
    ACCOUNT_NOT_LISTED(8, "the account is not in the account profile"),
    ACCOUNT_INACTIVE(9, "the account is not active at the bank"),
    ACCOUNT_UNKNOWN(10, "the bank does not know the account"),
    NO_ACCOUNTS(11, "no account was selected for the profile"),
    CUSTOMER_DECLINED(12, "the customer did not affirm the account profile"),
    /** Not in the patent: a profile not newer than the one already stored for the bank (replay, rollback). */
    STALE(13, "the account profile is not newer than the one stored for its bank");

    private final int code;
    private final String message;

    ProfileRejection(int code, String message) {
        this.code = code;
        this.message = message;
    }

    @Override
    public int code() {
        return code;
    }

    public String message() {
        return message;
    }
}
