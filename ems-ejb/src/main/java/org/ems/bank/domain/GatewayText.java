package org.ems.bank.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bank gateway's canonical text form (docs/bank-gateway.md): a header line, then
 * {@code name=value} lines in one fixed order, each ending in LF, printable ASCII only, at most
 * {@link #MAX_BYTES}. Optional fields are omitted, never empty. A message is canonical only if
 * encoding what was decoded gives back the very same bytes; the decoders check exactly that.
 */
final class GatewayText {

    static final int MAX_BYTES = 1024;
    static final int MAX_VALUE_LENGTH = 128;

    private final StringBuilder text = new StringBuilder(256);

    GatewayText(String header) {
        text.append(header).append('\n');
    }

    GatewayText put(String name, Object value) {
        if (value != null) {
            String v = value.toString();
            if (v.isEmpty() || v.length() > MAX_VALUE_LENGTH || !isPrintable(v)) {
                throw new IllegalArgumentException("field " + name + " must be 1-" + MAX_VALUE_LENGTH + " printable characters");
            }
            text.append(name).append('=').append(v).append('\n');
        }
        return this;
    }

    byte[] bytes() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("gateway message over " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /**
     * Splits a message into its fields after checking size, character set, header and the shape
     * of every line; names must be among {@code allowed} (order and canonicity are checked by the
     * caller re-encoding).
     */
    static Map<String, String> parse(byte[] message, String header, List<String> allowed) {
        if (message == null || message.length == 0 || message.length > MAX_BYTES) {
            throw new IllegalArgumentException("gateway message missing or over " + MAX_BYTES + " bytes");
        }
        String text = new String(message, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n") || !isPrintable(text.replace('\n', ' '))) {
            throw new IllegalArgumentException("gateway message must be printable ASCII lines ending in LF");
        }
        List<String> lines = new ArrayList<>(List.of(text.substring(0, text.length() - 1).split("\n", -1)));
        if (!lines.remove(0).equals(header)) {
            throw new IllegalArgumentException("not a " + header + " message");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !allowed.contains(line.substring(0, eq))) {
                throw new IllegalArgumentException("unknown or malformed field line");
            }
            if (fields.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("field " + line.substring(0, eq) + " repeated");
            }
        }
        return fields;
    }

    static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " missing");
        }
        return value;
    }

    /** Parses {@code "<minor> <currency>"}, as {@link LedgerAmount#toString()} writes it. */
    static LedgerAmount amount(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length != 2 || !parts[0].matches("-?[0-9]{1,16}")) {
            throw new IllegalArgumentException("amount must be '<minor units> <currency>'");
        }
        return LedgerAmount.of(Long.parseLong(parts[0]), parts[1]);
    }

    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
