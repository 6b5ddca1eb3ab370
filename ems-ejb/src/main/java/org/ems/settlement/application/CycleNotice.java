package org.ems.settlement.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A settlement cycle changed state: a status report in the spirit of ISO 20022 pacs.002
 * (FIToFIPaymentStatusReport), the cycle playing the part of the payment group and its state
 * reported with the group status code ({@link CycleState#isoGroupStatus()}). Sent on
 * EMS.SETTLEMENT.NOTICES as one text line, {@link #encode()}:
 *
 * <pre>
 * EMS-CYCLE-STATUS/1 &lt;cycle&gt; &lt;state&gt; &lt;group status&gt; &lt;value date&gt; &lt;cut-off&gt; &lt;trades&gt; &lt;positions&gt; &lt;paid in&gt; &lt;paid out&gt; &lt;failed&gt; &lt;at&gt;
 * </pre>
 *
 * (instants in ISO 8601 UTC, counts in decimal; see docs/settlement.md).
 */
public record CycleNotice(CycleId cycle, CycleState state, LocalDate valueDate, Instant cutOff, int trades, int positions, int paidIn,
                          int paidOut, int failed, Instant at) {

    public static final String FORMAT = "EMS-CYCLE-STATUS/1";
    /** The ISO 20022 message this notice stands in for. */
    public static final String ISO_MESSAGE = "pacs.002";

    public CycleNotice {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(cutOff, "cutOff");
        Objects.requireNonNull(at, "at");
    }

    static CycleNotice of(SettlementCycleRecord cycle, Instant at) {
        return new CycleNotice(cycle.id(), cycle.state(), cycle.cycle().valueDate(), cycle.cycle().cutOff(), cycle.booked(),
                cycle.positionsToSettle(), cycle.paidIn(), cycle.paidOut(), cycle.failed(), at);
    }

    public String encode() {
        return String.join(" ", FORMAT, cycle.value(), state.name(), state.isoGroupStatus(), valueDate.toString(), cutOff.toString(),
                Integer.toString(trades), Integer.toString(positions), Integer.toString(paidIn), Integer.toString(paidOut),
                Integer.toString(failed), at.toString());
    }
}
