package org.ems.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleTotals;
import org.ems.settlement.application.SettlementCycles;

/**
 * Settlement progress as gauges: {@code ems_settlement_cycles{state}} (cycles in each state) and
 * {@code ems_settlement_positions{state, progress}} (their positions to settle, paid in, paid out
 * and failed), read from the cycles' rows, at most once a second however many gauges a scrape reads.
 */
@ApplicationScoped
public class SettlementMetrics {

    private static final long FRESH_NANOS = 1_000_000_000L;

    @Inject MetricRegistry registry;
    @Inject SettlementCycles cycles;

    private volatile Snapshot last;

    /** What one read of the cycles' rows gave, and when. */
    private record Snapshot(long at, List<CycleTotals> totals) {
    }

    void register(@Observes Startup startup) {
        Metadata cyclesMetadata = Metadata.builder().withName("ems.settlement.cycles")
                .withDescription("Settlement cycles in each state (OPEN, CLOSED, SETTLING, SETTLED, FAILED)").build();
        Metadata positionsMetadata = Metadata.builder().withName("ems.settlement.positions")
                .withDescription("Positions of the cycles in each state: to settle, paid in, paid out, failed").build();
        for (CycleState state : CycleState.values()) {
            Tag stateTag = new Tag("state", state.name());
            registry.gauge(cyclesMetadata, () -> of(state, CycleTotals::cycles), stateTag);
            registry.gauge(positionsMetadata, () -> of(state, CycleTotals::positionsToSettle), stateTag, new Tag("progress", "to_settle"));
            registry.gauge(positionsMetadata, () -> of(state, CycleTotals::paidIn), stateTag, new Tag("progress", "paid_in"));
            registry.gauge(positionsMetadata, () -> of(state, CycleTotals::paidOut), stateTag, new Tag("progress", "paid_out"));
            registry.gauge(positionsMetadata, () -> of(state, CycleTotals::failed), stateTag, new Tag("progress", "failed"));
        }
    }

    private long of(CycleState state, ToLongFunction<CycleTotals> figure) {
        return totals().stream().filter(t -> t.state() == state).mapToLong(figure).sum();
    }

    private List<CycleTotals> totals() {
        Snapshot known = last;
        long now = System.nanoTime();
        if (known == null || now - known.at() > FRESH_NANOS) {
            known = new Snapshot(now, cycles.totals());
            last = known;
        }
        return known.totals();
    }
}
