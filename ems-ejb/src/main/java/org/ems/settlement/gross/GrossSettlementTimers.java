package org.ems.settlement.gross;

import java.time.Instant;
import org.ems.settlement.gross.domain.InstructionId;

/**
 * The port that calls {@link GrossSettlementService#settleAtTime} at an instruction's settlement
 * time (persistent EJB timers in the container, created in the submitting transaction; tests call
 * the service themselves).
 */
public interface GrossSettlementTimers {

    void schedule(InstructionId instruction, Instant settleAt);
}
