package org.ems.bank.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bank host's answer to a {@link BankRequest}, matched by correlation id. APPROVED carries
 * the journal entry posted (none for IS_ACTIVE); REFUSED carries the typed reason and nothing
 * was changed. A redelivered request gets the same entry id again. Canonical text form:
 * {@link #encode()} / {@link #decode(byte[])}, see docs/bank-gateway.md.
 */
public record BankReply(UUID correlationId, Outcome outcome, BankRefusal reason, UUID entryId) {

    public static final String HEADER = "EMS-BANK/1 REPLY";
    private static final List<String> FIELDS = List.of("correlation", "outcome", "reason", "entry");

    public enum Outcome {
        APPROVED, REFUSED
    }

    public BankReply {
        if (correlationId == null || outcome == null) {
            throw new IllegalArgumentException("a reply needs a correlation id and an outcome");
        }
        if ((outcome == Outcome.REFUSED) != (reason != null)) {
            throw new IllegalArgumentException("a reason comes with REFUSED and only with it");
        }
        if (outcome == Outcome.REFUSED && entryId != null) {
            throw new IllegalArgumentException("a refusal posted no entry");
        }
    }

    public static BankReply approved(UUID correlationId, UUID entryId) {
        return new BankReply(correlationId, Outcome.APPROVED, null, entryId);
    }

    public static BankReply refused(UUID correlationId, BankRefusal reason) {
        return new BankReply(correlationId, Outcome.REFUSED, reason, null);
    }

    public byte[] encode() {
        return new GatewayText(HEADER).put("correlation", correlationId).put("outcome", outcome)
                .put("reason", reason == null ? null : reason.code() + " " + reason.name()).put("entry", entryId).bytes();
    }

    /** Reads a canonical reply; anything else is refused. */
    public static BankReply decode(byte[] message) {
        Map<String, String> f = GatewayText.parse(message, HEADER, FIELDS);
        BankReply reply;
        try {
            reply = new BankReply(UUID.fromString(GatewayText.required(f, "correlation")),
                    Outcome.valueOf(GatewayText.required(f, "outcome")),
                    f.containsKey("reason") ? reason(f.get("reason")) : null,
                    f.containsKey("entry") ? UUID.fromString(f.get("entry")) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed bank reply: " + e.getMessage(), e);
        }
        if (!Arrays.equals(reply.encode(), message)) {
            throw new IllegalArgumentException("bank reply not in canonical form");
        }
        return reply;
    }

    /** "code NAME": the stable code decides; the name must agree, so a renamed reason is noticed. */
    private static BankRefusal reason(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException("reason must be '<code> <NAME>'");
        }
        BankRefusal reason = BankRefusal.ofCode(Integer.parseInt(parts[0]));
        if (!reason.name().equals(parts[1])) {
            throw new IllegalArgumentException("reason code " + parts[0] + " is " + reason.name() + ", not " + parts[1]);
        }
        return reason;
    }
}
