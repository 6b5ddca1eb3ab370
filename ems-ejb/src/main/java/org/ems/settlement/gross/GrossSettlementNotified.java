package org.ems.settlement.gross;

import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.Side;

/**
 * A CDI event: the CSA of {@code side} (money module {@code module}) told its counterparty the
 * outcome of an instruction (figure 28, steps 3142 and 3146). Fired synchronously in the
 * transaction that stored the notification, once per side; {@code phase} is the instruction's
 * phase after it (final once both sides are told). For the lead to route to JMS.
 */
public record GrossSettlementNotified(InstructionId instruction, Side side, ModuleId module, Notification notification,
        String reason, InstructionPhase phase) {
}
