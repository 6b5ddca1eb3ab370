package org.ems.settlement.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.CounterpartyId;

/**
 * A settlement cycle as the portal and the metrics show it: its state, trades, settlement progress,
 * and once closed its multilateral positions and funding per currency with the liquidity saving.
 */
public record CycleView(CycleId id, LocalDate valueDate, Instant cutOff, CycleState state, List<CounterpartyId> counterparties,
                        int trades, int rescinded, int positionsToSettle, int paidIn, int paidOut, int failed, Instant openedAt,
                        Instant closedAt, Instant finishedAt, List<Position> positions, List<Funding> funding) {

    /** A counterparty's multilateral net position (positive: the agent pays it) and its gross payments and receipts. */
    public record Position(CounterpartyId counterparty, Money net, Money grossPays, Money grossReceives) {
    }

    /** Funding needed in one currency on each basis, and multilateral's saving against gross (basis points, half-even). */
    public record Funding(Money gross, Money bilateral, Money multilateral, Money saved, long savingBasisPoints) {
    }

    public CycleView {
        counterparties = List.copyOf(counterparties);
        positions = List.copyOf(positions);
        funding = List.copyOf(funding);
    }
}
