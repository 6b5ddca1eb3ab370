package org.ems.money.domain;

import org.ems.crypto.StableCode;

/**
 * Why a received note (or payment of notes) was refused. The checks of the patent's figure 8
 * run in this order (after decoding): certificates, ids, amounts, total, expiry, bad ids,
 * signatures, duplicates. Codes are stable for logs and abort messages.
 */
public enum NoteRejection implements StableCode {
    MALFORMED(1, "the note does not decode"),
    TOO_MANY_TRANSFERS(2, "the transfer history is longer than the limit"),
    CERTIFICATE_INVALID(3, "a certificate in the note is invalid, of the wrong role, or was not valid when it signed"),
    ID_MISMATCH(4, "the ids of the transfers do not match the certificates or each other"),
    AMOUNT_INCONSISTENT(5, "a transfer exceeds what its transferor received from the note"),
    WRONG_TOTAL(6, "the notes do not add up to the amount expected"),
    EXPIRED(7, "the note has expired"),
    BAD_LISTED(8, "an id in the note's history is on the bad-ID list"),
    BAD_SIGNATURE(9, "a signature in the note does not verify"),
    DUPLICATE(10, "this note transfer was already received"),
    /** Not one of the patent's named checks: a transfer dated before the note's issue or before the transfer it continues. */
    DATES_INCONSISTENT(11, "a transfer predates the note or the transfer before it"),
    /** Not one of the patent's named checks: a packet with more notes than {@link NoteVerifier#MAX_NOTES_PER_PAYMENT}. */
    TOO_MANY_NOTES(12, "the payment carries more notes than the limit"),
    /** Not one of the patent's named checks: the receiver's Note Directory cannot hold that many more notes ({@link NoteDirectory#MAX_NOTES}). */
    DIRECTORY_FULL(13, "the receiving module cannot hold that many more notes");

    private final int code;
    private final String message;

    NoteRejection(int code, String message) {
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
