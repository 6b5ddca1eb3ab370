package org.ems.settlement.domain;

import org.ems.crypto.StableCode;

/** Why a trade, a trade line, or a change to a trade book was refused. Codes are stable for logs and replies. */
public enum TradeRefusal implements StableCode {
    MALFORMED(1, "the trade line does not decode"),
    UNKNOWN_CURRENCY(2, "a currency is not an ISO 4217 currency with minor units"),
    SAME_COUNTERPARTY(3, "buyer and seller are the same counterparty"),
    NON_POSITIVE_AMOUNT(4, "an amount is zero or negative"),
    AMOUNT_OVER_LIMIT(5, "an amount exceeds the limit of one trade"),
    SAME_CURRENCY(6, "both legs are in the same currency"),
    VALUE_DATE_OUT_OF_RANGE(7, "the value date is outside the years the netting system accepts"),
    UNKNOWN_COUNTERPARTY(8, "a counterparty is not registered for the settlement cycle"),
    WRONG_VALUE_DATE(9, "the trade's value date is not the settlement cycle's"),
    CONFLICTING_DUPLICATE(10, "a different trade with this id was already submitted"),
    AFTER_CUT_OFF(11, "the settlement cycle's cut-off has passed"),
    UNKNOWN_TRADE(12, "no trade with this id is in the book"),
    BOOK_FULL(13, "the book holds the most trades or currencies one cycle may have");

    private final int code;
    private final String message;

    TradeRefusal(int code, String message) {
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
