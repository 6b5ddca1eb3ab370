package org.ems.settlement.application;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.ems.settlement.infrastructure.JpaSettlementCycleRepository;

/** {@link SettlementCycles} wired over a harness another fixture owns (the settlement agents' tests share the payments' harness). */
public final class SettlementCyclesWiring {

    private SettlementCyclesWiring() {
    }

    public static SettlementCycles over(EntityManager transactionScoped, SettlementNotices notices, Clock clock) {
        SettlementCycles cycles = new SettlementCycles();
        cycles.repository = new JpaSettlementCycleRepository(transactionScoped);
        cycles.notices = notices;
        cycles.clock = clock;
        return cycles;
    }
}
