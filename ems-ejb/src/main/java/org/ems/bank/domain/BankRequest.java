package org.ems.bank.domain;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A request to the bank gateway (JMS request/reply, wired later): what a teller money module,
 * the bank-POS relay or a bank's on-line system asks the bank host. Immutable; carries ids and
 * values, never entities. The PIN of a POS transfer travels only as an opaque {@code pinBlock}
 * sealed to the bank (at most {@link #MAX_PIN_BLOCK_BYTES}); the clear PIN is never in a message.
 * Canonical text form: {@link #encode()} / {@link #decode(byte[])}, see docs/bank-gateway.md.
 */
public record BankRequest(UUID correlationId, String idempotencyKey, Kind kind, AccountNumber debit,
                          AccountNumber credit, LedgerAmount amount, String terminalId, UUID entryId, byte[] pinBlock) {

    public static final String HEADER = "EMS-BANK/1 REQUEST";
    public static final int MAX_PIN_BLOCK_BYTES = 64;
    private static final List<String> FIELDS =
            List.of("correlation", "key", "kind", "debit", "credit", "amount", "terminal", "entry", "pinBlock");

    /** What is asked; each kind needs exactly the fields listed in docs/bank-gateway.md. */
    public enum Kind {
        WITHDRAWAL_TO_EMS, DEPOSIT_FROM_EMS, POS_TRANSFER, REVERSAL, IS_ACTIVE
    }

    public BankRequest {
        if (correlationId == null || kind == null) {
            throw new IllegalArgumentException("a request needs a correlation id and a kind");
        }
        if (kind != Kind.IS_ACTIVE) {
            JournalEntry.requireKey(idempotencyKey);
        }
        boolean posting = kind == Kind.WITHDRAWAL_TO_EMS || kind == Kind.DEPOSIT_FROM_EMS || kind == Kind.POS_TRANSFER;
        require(posting == (credit != null && amount != null) && (posting || kind == Kind.IS_ACTIVE) == (debit != null),
                "accounts and amount do not fit " + kind);
        boolean pos = kind == Kind.POS_TRANSFER;
        require(pos == (terminalId != null) && pos == (pinBlock != null), "terminal and PIN block are for POS_TRANSFER only");
        require((kind == Kind.REVERSAL) == (entryId != null), "an entry id is for REVERSAL only");
        require(kind != Kind.IS_ACTIVE || idempotencyKey == null, "IS_ACTIVE is a query and has no idempotency key");
        require(amount == null || amount.isPositive(), "amount must be positive");
        require(terminalId == null || AssignedTerminal.isWellFormedId(terminalId), "malformed terminal id");
        require(pinBlock == null || (pinBlock.length > 0 && pinBlock.length <= MAX_PIN_BLOCK_BYTES), "PIN block of 1-64 bytes");
        pinBlock = pinBlock == null ? null : pinBlock.clone();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public byte[] pinBlock() {
        return pinBlock == null ? null : pinBlock.clone();
    }

    public byte[] encode() {
        return new GatewayText(HEADER).put("correlation", correlationId).put("key", idempotencyKey).put("kind", kind)
                .put("debit", debit).put("credit", credit).put("amount", amount).put("terminal", terminalId)
                .put("entry", entryId)
                .put("pinBlock", pinBlock == null ? null : Base64.getEncoder().encodeToString(pinBlock))
                .bytes();
    }

    /** Reads a canonical request; anything else (unknown, repeated, reordered field, bad value) is refused. */
    public static BankRequest decode(byte[] message) {
        Map<String, String> f = GatewayText.parse(message, HEADER, FIELDS);
        BankRequest request;
        try {
            request = new BankRequest(UUID.fromString(GatewayText.required(f, "correlation")), f.get("key"),
                    Kind.valueOf(GatewayText.required(f, "kind")),
                    f.containsKey("debit") ? AccountNumber.parse(f.get("debit")) : null,
                    f.containsKey("credit") ? AccountNumber.parse(f.get("credit")) : null,
                    f.containsKey("amount") ? GatewayText.amount(f.get("amount")) : null, f.get("terminal"),
                    f.containsKey("entry") ? UUID.fromString(f.get("entry")) : null,
                    f.containsKey("pinBlock") ? Base64.getDecoder().decode(f.get("pinBlock")) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed bank request: " + e.getMessage(), e);
        }
        if (!Arrays.equals(request.encode(), message)) {
            throw new IllegalArgumentException("bank request not in canonical form");
        }
        return request;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BankRequest r && Arrays.equals(encode(), r.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    /** The PIN block is left out: it belongs in no log. */
    @Override
    public String toString() {
        return "BankRequest[" + correlationId + ", " + kind + ", key " + idempotencyKey + ", " + debit + " -> " + credit
                + ", " + amount + (terminalId == null ? "" : ", terminal " + terminalId)
                + (entryId == null ? "" : ", entry " + entryId) + "]";
    }
}
