package org.ems.settlement.application;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ems.settlement.infrastructure.JpaSettlementCycleRepository;
import org.ems.testing.ManualClock;
import org.ems.testing.jta.JtaHarness;

/** {@link SettlementCycles} wired as the container wires it, over a JTA harness, with the notices it published. */
public final class SettlementWiring implements AutoCloseable {

    public static final Class<?>[] ENTITIES = {SettlementCycleRecord.class, CycleTradeRecord.class, CyclePositionRecord.class,
        CycleFundingRecord.class};
    private static final AtomicInteger RUN = new AtomicInteger();

    public final JtaHarness harness;
    public final ManualClock clock;
    public final SettlementCycles cycles = new SettlementCycles();
    /** Published notices in order (in the container they leave only if their transaction commits). */
    public final List<CycleNotice> notices = new CopyOnWriteArrayList<>();

    public SettlementWiring(String name, Instant now) {
        harness = JtaHarness.start(name + RUN.incrementAndGet(), ENTITIES);
        clock = new ManualClock(now);
        cycles.repository = new JpaSettlementCycleRepository(harness.transactionScopedEntityManager());
        cycles.notices = notices::add;
        cycles.clock = clock;
    }

    public <T> T tx(Supplier<T> work) {
        return harness.fromTransaction(em -> work.get());
    }

    @Override
    public void close() {
        harness.close();
    }
}
