package org.ems.settlement.agents.domain;

import java.util.regex.Pattern;

/**
 * A settlement agent's name: 1 to 11 upper-case letters or digits, e.g. {@code MSC}, {@code MSA1},
 * or for a CSA the code of its counterparty in the netting system (a BIC fits). Bounded so that it
 * fits the message line.
 */
public record AgentId(String value) implements Comparable<AgentId> {

    private static final Pattern VALID = Pattern.compile("[A-Z0-9]{1,11}");

    public AgentId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("agent id must be 1-11 of A-Z, 0-9: " + value);
        }
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
