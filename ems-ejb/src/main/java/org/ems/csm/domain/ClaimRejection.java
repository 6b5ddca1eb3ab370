package org.ems.csm.domain;

import org.ems.crypto.StableCode;

/** Why a lost-note claim (figures 21-22) was refused or cannot be made. Codes are stable for logs and the host's messages. */
public enum ClaimRejection implements StableCode {
    MALFORMED(1, "the claim does not decode or does not open"),
    NOT_FOR_THIS_CSM(2, "the claim is sealed to another customer service module"),
    MODULE_CERTIFICATE_INVALID(3, "the money module's certificate is invalid"),
    BAD_SIGNATURE(4, "the claim is not signed by the money module"),
    DESCRIPTION_MISMATCH(5, "the claim's description does not match its signed content"),
    NOTE_INVALID(6, "a note's certificates or signatures in the claim are invalid"),
    AMOUNT_INCONSISTENT(7, "a transfer in the claim exceeds what its transferor received"),
    NO_FAILED_COMMITS(8, "there are no failed commits to claim"),
    NOT_CLAIMABLE(9, "a selected record is not an unclaimed failed commit of the module"),
    WRONG_MODULE(10, "the claim comes from another module than the one in session"),
    NOTHING_CLAIMED(11, "the claim holds no notes and no failed commits");

    private final int code;
    private final String message;

    ClaimRejection(int code, String message) {
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
