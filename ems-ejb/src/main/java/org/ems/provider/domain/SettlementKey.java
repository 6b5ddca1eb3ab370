package org.ems.provider.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.ems.bank.domain.AssignedTerminal;

/**
 * The idempotency key of one merchant settlement: terminal id, business day and sequence number of
 * the day. The text {@code stl/<terminal>/<yyyymmdd>/<seq>} (at most 50 characters, no space; '/'
 * never occurs in a terminal id, so the text is unambiguous) is the key of the host's settlement
 * record and of the bank-POS transfer, so a retry is recognised by both and never pays twice.
 */
public record SettlementKey(String terminalId, LocalDate businessDay, int sequence) {

    public static final int MAX_SEQUENCE = 9999;

    public SettlementKey {
        AssignedTerminal.requireId(terminalId);
        if (businessDay == null || sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("a settlement key has a business day and a sequence 1-" + MAX_SEQUENCE);
        }
    }

    public static SettlementKey parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 4 || !parts[0].equals("stl") || !parts[2].matches("[0-9]{8}") || !parts[3].matches("[1-9][0-9]{0,3}")) {
            throw new IllegalArgumentException("a settlement key is stl/<terminal>/<yyyymmdd>/<seq>: " + text);
        }
        return new SettlementKey(parts[1], LocalDate.parse(parts[2], DateTimeFormatter.BASIC_ISO_DATE), Integer.parseInt(parts[3]));
    }

    @Override
    public String toString() {
        return "stl/" + terminalId + "/" + businessDay.format(DateTimeFormatter.BASIC_ISO_DATE) + "/" + sequence;
    }
}
