package org.ems.settlement.domain;

import java.util.regex.Pattern;

/**
 * A trading counterparty's code in the netting system: 1 to 11 upper-case letters or digits (a
 * BIC fits; the patent's example uses A, B and C). Bounded so it fits the trade line and messages.
 */
public record CounterpartyId(String code) implements Comparable<CounterpartyId> {

    private static final Pattern VALID = Pattern.compile("[A-Z0-9]{1,11}");

    public CounterpartyId {
        if (code == null || !VALID.matcher(code).matches()) {
            throw new IllegalArgumentException("counterparty code must be 1-11 of A-Z, 0-9: " + code);
        }
    }

    @Override
    public int compareTo(CounterpartyId other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
