package org.ems.settlement.gross.domain;

import java.util.List;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;

/**
 * A CSA host's answer to "are you ready to settle?" (figure 28, steps 3138-3140): its money module
 * is in the established session with the peer, is not in (or agreed to) another payment, exchange
 * or settlement, and holds, for every amount it must send, notes of that type and currency worth
 * at least the amount. The reason names the first thing missing, in that order.
 */
public record Readiness(boolean ready, String reason) {

    public static final Readiness READY = new Readiness(true, "ready");

    public Readiness {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a readiness has a reason");
        }
    }

    public static Readiness of(boolean sessionEstablished, boolean busy, SettlementAmounts sends, List<HeldNote> held) {
        if (!sessionEstablished) {
            return new Readiness(false, "session not established");
        }
        if (busy) {
            return new Readiness(false, "busy in a payment, exchange or settlement");
        }
        for (SettlementAmounts.Line line : sends.lines()) {
            Money holds = Money.zero(line.amount().currency());
            for (HeldNote note : held) {
                if (note.note().body().type() == line.type() && note.remaining().currency().equals(line.amount().currency())) {
                    holds = holds.plus(note.remaining());
                }
            }
            if (holds.compareTo(line.amount()) < 0) {
                return new Readiness(false, "holds " + holds + " of the " + line.amount() + " " + line.type() + " to send");
            }
        }
        return READY;
    }
}
