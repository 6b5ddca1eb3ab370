package org.ems.jms.settlement;

import org.ems.settlement.gross.GrossSettlementNotified;
import org.ems.settlement.gross.domain.Notification;

/**
 * A CSA told its counterparty the outcome of a gross or bilateral instruction (figure 28, steps
 * 3142 and 3146), as one line published beside the cycle notices, in the spirit of ISO 20022
 * pacs.002 at the transaction level (SUCCESS is {@code ACSC}, FAILED {@code RJCT}):
 *
 * <pre>
 * EMS-GROSS-STATUS/1 &lt;instruction&gt; &lt;side&gt; &lt;module&gt; &lt;notification&gt; &lt;status&gt; &lt;phase&gt; &lt;reason&gt;
 * </pre>
 *
 * The reason is the rest of the line (it has spaces), printable ASCII with anything else replaced
 * by {@code ?}, at most {@link #MAX_REASON} characters, {@code -} when there is none.
 */
public final class GrossStatusNotice {

    public static final String FORMAT = "EMS-GROSS-STATUS/1";
    /** The {@code ems_type} of a gross notice on the settlement notices topic. */
    public static final String TYPE = "settlement.grossStatus";
    /** Properties for selectors: the instruction id, the side (A, B), SUCCESS or FAILED, the instruction's phase after it. */
    public static final String INSTRUCTION = "ems_instruction";
    public static final String SIDE = "ems_side";
    public static final String NOTIFICATION = "ems_notification";
    public static final String PHASE = "ems_phase";
    public static final int MAX_REASON = 400;

    private GrossStatusNotice() {
    }

    /** The ISO 20022 transaction status code of a notification. */
    public static String isoStatus(Notification notification) {
        return notification == Notification.SUCCESS ? "ACSC" : "RJCT";
    }

    public static String encode(GrossSettlementNotified n) {
        return String.join(" ", FORMAT, n.instruction().value(), n.side().name(), Long.toString(n.module().value()),
                n.notification().name(), isoStatus(n.notification()), n.phase().name(), reason(n.reason()));
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "-";
        }
        StringBuilder text = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && text.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            text.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return text.toString().strip();
    }
}
