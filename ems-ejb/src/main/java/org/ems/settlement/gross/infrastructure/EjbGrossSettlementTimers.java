package org.ems.settlement.gross.infrastructure;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import org.ems.settlement.gross.GrossSettlementService;
import org.ems.settlement.gross.GrossSettlementTimers;
import org.ems.settlement.gross.domain.InstructionId;

/**
 * Settlement times as persistent EJB timers: created in the submitting transaction (a rolled back
 * submission leaves no timer), kept across restarts, fired into the service, which ignores an
 * instruction already decided.
 */
@Singleton
@Lock(LockType.READ)
public class EjbGrossSettlementTimers implements GrossSettlementTimers {

    @Resource
    TimerService timers;

    @Inject
    GrossSettlementService settlements;

    @Override
    public void schedule(InstructionId instruction, Instant settleAt) {
        timers.createSingleActionTimer(Date.from(settleAt), new TimerConfig(instruction.value(), true));
    }

    @Timeout
    void fire(Timer timer) {
        settlements.settleAtTime(new InstructionId((String) timer.getInfo()));
    }
}
