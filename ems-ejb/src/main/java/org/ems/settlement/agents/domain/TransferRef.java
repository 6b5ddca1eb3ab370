package org.ems.settlement.agents.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names what a message is about within a cycle: a kind and the agent it concerns, and for a
 * Settle FX part the part number, e.g. {@code IN.A} (CSA A pays its debits to its MSA),
 * {@code FWD.A} (the MSA pays A's debits on to the MSC), {@code OUT.MSA1/2} (the second part of the
 * MSC's payout to MSA1). Text form {@code KIND.AGENT[/PART]}.
 */
public record TransferRef(Kind kind, AgentId subject, int part) {

    /** At most 4 parts of 16 currencies: the 64 currencies of a cycle. */
    public static final int MAX_PARTS = 4;

    private static final Pattern FORM = Pattern.compile("([A-Z]{2,6})\\.([A-Z0-9]{1,11})(?:/([1-4]))?");

    /** What a reference names. DEBIT and CREDIT are data only; the others are payments. */
    public enum Kind {
        /** A CSA's net debits (data). */
        DEBIT,
        /** A CSA pays its debits to its MSA. */
        IN,
        /** An MSA pays a CSA's debits on to the MSC. */
        FWD,
        /** A CSA's net credits (data). */
        CREDIT,
        /** The MSC pays an MSA the credits of its CSAs. */
        OUT,
        /** An MSA pays a CSA its credits. */
        CR,
        /** The MSC gives an MSA back a CSA's debits it forwarded. */
        RET,
        /** An MSA gives a CSA back the debits it paid. */
        REFUND;

        public boolean isPayment() {
            return this != DEBIT && this != CREDIT;
        }
    }

    public TransferRef {
        if (part < 0 || part > MAX_PARTS) {
            throw new IllegalArgumentException("part " + part + " of a transfer is 1-" + MAX_PARTS + " (0: the whole transfer)");
        }
        if (part > 0 && !kind.isPayment()) {
            throw new IllegalArgumentException(kind + " is data, it has no parts");
        }
    }

    public static TransferRef of(Kind kind, AgentId subject) {
        return new TransferRef(kind, subject, 0);
    }

    public TransferRef part(int number) {
        return new TransferRef(kind, subject, number);
    }

    /** The whole transfer this part belongs to. */
    public TransferRef whole() {
        return new TransferRef(kind, subject, 0);
    }

    public String encode() {
        return kind + "." + subject.value() + (part == 0 ? "" : "/" + part);
    }

    public static Optional<TransferRef> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group(1));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        int part = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (part > 0 && !kind.isPayment()) {
            return Optional.empty();
        }
        return Optional.of(new TransferRef(kind, new AgentId(m.group(2)), part));
    }

    @Override
    public String toString() {
        return encode();
    }
}
