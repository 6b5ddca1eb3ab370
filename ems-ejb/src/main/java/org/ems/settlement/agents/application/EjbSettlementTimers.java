package org.ems.settlement.agents.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;
import org.ems.settlement.application.CycleId;

/** {@link SettlementTimers} as persistent EJB timers (in the EMS database): one per cycle, its info the cycle id. */
@Stateless
public class EjbSettlementTimers implements SettlementTimers {

    private static final Logger LOG = Logger.getLogger(EjbSettlementTimers.class.getName());

    @Resource TimerService timerService;
    @Inject MscService msc;

    @Override
    public void schedule(CycleId cycle, Instant at) {
        timerService.createSingleActionTimer(Date.from(at), new TimerConfig(cycle.value(), true));
    }

    /** The settlement time of a cycle has come: the MSC decides (a no-op if it already has). */
    @Timeout
    void settlementTime(Timer timer) {
        CycleId cycle = new CycleId((String) timer.getInfo());
        LOG.info(() -> "settlement time of cycle " + cycle);
        msc.settlementTimeReached(cycle);
    }
}
