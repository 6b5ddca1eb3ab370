package org.ems.settlement.agents.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One message between settlement agents, as one canonical ASCII line (docs/settlement-agents.md):
 *
 * <pre>EMS-AGENT/1 &lt;kind&gt; &lt;cycle&gt; &lt;from role&gt;:&lt;from&gt; &lt;to role&gt;:&lt;to&gt; &lt;ref&gt; &lt;attempt&gt; &lt;amounts&gt; &lt;time&gt;</pre>
 *
 * <p>Invariants (checked by the constructor): the kind allows the route (e.g. DEBIT_DATA goes MSC to
 * MSA or MSA to CSA); the reference names a transfer of a kind the message may name ({@code -} for
 * SUCCESS and FAILURE), with a part number exactly on READY_TO_RECEIVE; the attempt is 1-99 on
 * READY_TO_RECEIVE and 0 elsewhere; amounts are present exactly when the kind carries them; the
 * settlement time exactly on DEBIT_DATA. {@link #decode} accepts a line only if re-encoding gives the
 * very same text, so each message has one form and a redelivered copy is byte-identical. Immutable.
 */
public record AgentMessage(AgentMessageKind kind, String cycle, AgentRole fromRole, AgentId from, AgentRole toRole, AgentId to,
                           Optional<TransferRef> ref, int attempt, AgentAmounts amounts, Optional<Instant> settlementTime) {

    public static final String TAG = "EMS-AGENT/1";
    /** 64 amounts of 22 characters and the rest fit. */
    public static final int MAX_LINE_CHARS = 1600;
    public static final int MAX_ATTEMPT = 99;
    private static final int FIELDS = 9;
    private static final Pattern CYCLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public AgentMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fromRole, "from role");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toRole, "to role");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(settlementTime, "settlement time");
        if (cycle == null || !CYCLE.matcher(cycle).matches()) {
            throw new IllegalArgumentException("cycle id must be 1-32 of A-Z, a-z, 0-9, '.', '_', '-': " + cycle);
        }
        if (!kind.allows(fromRole, toRole)) {
            throw new IllegalArgumentException(kind + " does not go from " + fromRole + " to " + toRole);
        }
        if (ref.isPresent() != !kind.transfers().isEmpty()
                || ref.isPresent() && !kind.transfers().contains(ref.get().kind())) {
            throw new IllegalArgumentException(kind + " cannot name " + ref.map(TransferRef::encode).orElse("no transfer"));
        }
        if (ref.isPresent() && (ref.get().part() > 0) != kind.hasAttempt()) {
            throw new IllegalArgumentException(kind + (kind.hasAttempt() ? " names a part of a transfer" : " names a whole transfer"));
        }
        if (kind.hasAttempt() ? attempt < 1 || attempt > MAX_ATTEMPT : attempt != 0) {
            throw new IllegalArgumentException(kind + " attempt " + attempt);
        }
        if (amounts.isEmpty() == kind.hasAmounts()) {
            throw new IllegalArgumentException(kind + (kind.hasAmounts() ? " carries amounts" : " carries no amounts"));
        }
        if (settlementTime.isPresent() != kind.hasTime()) {
            throw new IllegalArgumentException(kind + (kind.hasTime() ? " carries the settlement time" : " carries no time"));
        }
        if (from.equals(to) && fromRole == toRole) {
            throw new IllegalArgumentException("an agent does not write to itself");
        }
    }

    /** A message that names no part, attempt or time. */
    public static AgentMessage of(AgentMessageKind kind, String cycle, AgentRole fromRole, AgentId from, AgentRole toRole, AgentId to,
                                  Optional<TransferRef> ref, AgentAmounts amounts) {
        return new AgentMessage(kind, cycle, fromRole, from, toRole, to, ref, 0, amounts, Optional.empty());
    }

    public AgentRole toRole() {
        return toRole;
    }

    public AgentId to() {
        return to;
    }

    public String encode() {
        return String.join(" ", TAG, kind.name(), cycle, fromRole + ":" + from.value(), toRole + ":" + to.value(),
                ref.map(TransferRef::encode).orElse("-"), Integer.toString(attempt), amounts.encode(),
                settlementTime.map(Instant::toString).orElse("-"));
    }

    /**
     * The message a line carries.
     *
     * @throws AgentRefusedException {@link AgentRefusal#MALFORMED} for anything but the canonical
     *     line of a valid message
     */
    public static AgentMessage decode(String line) {
        if (line == null || line.isEmpty() || line.length() > MAX_LINE_CHARS) {
            throw malformed("a line of 1-" + MAX_LINE_CHARS + " characters");
        }
        if (!line.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw malformed("printable ASCII only");
        }
        String[] f = line.split(" ", -1);
        if (f.length != FIELDS || !f[0].equals(TAG)) {
            throw malformed("expected " + FIELDS + " fields starting with " + TAG);
        }
        AgentMessage message;
        try {
            AgentMessageKind kind = AgentMessageKind.valueOf(f[1]);
            String[] from = address(f[3]);
            String[] to = address(f[4]);
            Optional<TransferRef> ref = f[5].equals("-") ? Optional.empty()
                    : Optional.of(TransferRef.parse(f[5]).orElseThrow(() -> new IllegalArgumentException("reference " + f[5])));
            if (!f[6].matches("0|[1-9][0-9]?")) {
                throw new IllegalArgumentException("attempt " + f[6]);
            }
            Optional<Instant> time = f[8].equals("-") ? Optional.empty() : Optional.of(Instant.parse(f[8]));
            message = new AgentMessage(kind, f[2], AgentRole.valueOf(from[0]), new AgentId(from[1]), AgentRole.valueOf(to[0]),
                    new AgentId(to[1]), ref, Integer.parseInt(f[6]), AgentAmounts.decode(f[7]), time);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException bad) {
            throw malformed(bad.getMessage());
        }
        if (!message.encode().equals(line)) {
            throw malformed("not canonical: " + message.encode());
        }
        return message;
    }

    private static String[] address(String field) {
        String[] parts = field.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("address " + field + " is not ROLE:ID");
        }
        return parts;
    }

    private static AgentRefusedException malformed(String detail) {
        return new AgentRefusedException(AgentRefusal.MALFORMED, detail);
    }

    @Override
    public String toString() {
        return encode();
    }
}
