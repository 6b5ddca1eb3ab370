package org.ems.settlement.gross;

import java.time.Instant;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.settlement.gross.domain.Side;

/** An instruction as stored: its terms, phase, Settle Foreign Exchange conversation and each side's notification. */
public record InstructionView(SettlementInstruction instruction, InstructionPhase phase, Optional<ConversationId> settlement,
        Optional<Notification> notifiedA, Optional<String> reasonA, Optional<Notification> notifiedB, Optional<String> reasonB,
        Optional<Instant> decidedAt, Optional<Instant> finishedAt) {

    static InstructionView of(GrossInstructionRecord r) {
        return new InstructionView(r.instruction(), r.phase(), r.settlement(),
                r.notified(Side.A), r.reason(Side.A),
                r.notified(Side.B), r.reason(Side.B),
                r.decidedAt(), r.finishedAt());
    }
}
