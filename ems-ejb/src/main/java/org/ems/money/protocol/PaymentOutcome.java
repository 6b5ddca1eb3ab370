package org.ems.money.protocol;

import org.ems.crypto.StableCode;
/**
 * How a payment ended for one party, with what "To Subscriber" says (figures 10 and 11). Codes are
 * stable: they are stored in party states.
 */
public enum PaymentOutcome implements StableCode {
    PAID(1, true, "Payment sent."),
    RECEIVED(2, true, "Payment received."),
    INSUFFICIENT_FUNDS(10, false, "Not enough money of that currency for this payment."),
    NOTES_REJECTED(11, false, "The payment was refused: a note did not verify. The transaction was aborted."),
    ABORTED_BY_PEER(12, false, "The other party stopped the transaction. The transaction was aborted."),
    TIMED_OUT(13, false, "The other party did not answer in time. The transaction was aborted."),
    /** Figure 11, steps 1734-1738: aborted after sending Ready-to-Commit. */
    FAILED_COMMIT(14, false,
            "The transaction was aborted and there may have been a money transfer error: the notes expected are recorded for a claim."),
    /** Settle Foreign Exchange (figure 27): one side's amounts were not those the other side expected. */
    AMOUNTS_REFUSED(15, false, "The amounts to exchange were not those expected. The transaction was aborted.");

    private final int code;
    private final boolean success;
    private final String toSubscriber;

    PaymentOutcome(int code, boolean success, String toSubscriber) {
        this.code = code;
        this.success = success;
        this.toSubscriber = toSubscriber;
    }

    public int code() {
        return code;
    }

    public boolean isSuccess() {
        return success;
    }

    public String toSubscriber() {
        return toSubscriber;
    }

    public static PaymentOutcome ofCode(int code) {
        return StableCode.ofCode(PaymentOutcome.class, code, "payment outcome");
    }
}
