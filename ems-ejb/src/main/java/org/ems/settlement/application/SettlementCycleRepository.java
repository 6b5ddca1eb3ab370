package org.ems.settlement.application;

import java.util.List;
import java.util.Optional;
import org.ems.settlement.domain.TradeId;

/** Where settlement cycles, their trades and their closing figures are kept. */
public interface SettlementCycleRepository {

    Optional<SettlementCycleRecord> find(CycleId id);

    /** The cycle, its row locked until the transaction ends: intake and closing of one cycle take turns. */
    Optional<SettlementCycleRecord> findForUpdate(CycleId id);

    void store(SettlementCycleRecord cycle);

    Optional<CycleTradeRecord> findTrade(CycleId cycle, TradeId trade);

    void store(CycleTradeRecord trade);

    /** The booked (not rescinded) trades, in the order they were submitted. */
    List<CycleTradeRecord> bookedTrades(CycleId cycle);

    void store(CyclePositionRecord position);

    void store(CycleFundingRecord funding);

    /** The closing positions, by counterparty then currency. */
    List<CyclePositionRecord> positions(CycleId cycle);

    /** The closing funding figures, by currency. */
    List<CycleFundingRecord> funding(CycleId cycle);

    /** The cycles summed per state (states without cycles left out). */
    List<CycleTotals> totalsByState();

    /** The most recently opened cycles first, at most {@code limit}. */
    List<SettlementCycleRecord> recent(int limit);
}
