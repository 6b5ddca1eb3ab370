package org.ems.settlement.agents.application;

import java.time.Instant;
import org.ems.settlement.application.CycleId;

/**
 * Arms the MSC's settlement-time check of a cycle: at {@code at} the implementation calls
 * {@link MscService#settlementTimeReached}. Durable (a persistent EJB timer in the server), armed in
 * the caller's transaction. Calling it again for the same cycle may arm a second timer: the check
 * is a no-op once the cycle is decided.
 */
public interface SettlementTimers {
    void schedule(CycleId cycle, Instant at);
}
