package org.ems.settlement.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.settlement.application.CycleFundingRecord;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CyclePositionRecord;
import org.ems.settlement.application.CycleTotals;
import org.ems.settlement.application.CycleTradeRecord;
import org.ems.settlement.application.SettlementCycleRecord;
import org.ems.settlement.application.SettlementCycleRepository;
import org.ems.settlement.domain.TradeId;

/** JPA store of settlement cycles. Trades are persisted and flagged when rescinded, never removed. */
@ApplicationScoped
public class JpaSettlementCycleRepository implements SettlementCycleRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaSettlementCycleRepository() {
        // for CDI
    }

    public JpaSettlementCycleRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<SettlementCycleRecord> find(CycleId id) {
        return Optional.ofNullable(em.find(SettlementCycleRecord.class, id.value()));
    }

    @Override
    public Optional<SettlementCycleRecord> findForUpdate(CycleId id) {
        return Optional.ofNullable(em.find(SettlementCycleRecord.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void store(SettlementCycleRecord cycle) {
        em.persist(cycle);
    }

    @Override
    public Optional<CycleTradeRecord> findTrade(CycleId cycle, TradeId trade) {
        return Optional.ofNullable(em.find(CycleTradeRecord.class, cycle.value() + "/" + trade.value()));
    }

    @Override
    public void store(CycleTradeRecord trade) {
        em.persist(trade);
    }

    @Override
    public List<CycleTradeRecord> bookedTrades(CycleId cycle) {
        return em.createQuery("select t from CycleTradeRecord t where t.cycleId = :cycle and t.rescinded = false order by t.seqNo",
                        CycleTradeRecord.class)
                .setParameter("cycle", cycle.value())
                .getResultList();
    }

    @Override
    public void store(CyclePositionRecord position) {
        em.persist(position);
    }

    @Override
    public void store(CycleFundingRecord funding) {
        em.persist(funding);
    }

    @Override
    public List<CyclePositionRecord> positions(CycleId cycle) {
        return em.createQuery("select p from CyclePositionRecord p where p.cycleId = :cycle order by p.counterparty, p.currency",
                        CyclePositionRecord.class)
                .setParameter("cycle", cycle.value())
                .getResultList();
    }

    @Override
    public List<CycleFundingRecord> funding(CycleId cycle) {
        return em.createQuery("select f from CycleFundingRecord f where f.cycleId = :cycle order by f.currency", CycleFundingRecord.class)
                .setParameter("cycle", cycle.value())
                .getResultList();
    }

    @Override
    public List<CycleTotals> totalsByState() {
        return em.createQuery("select new org.ems.settlement.application.CycleTotals(c.state, count(c), sum(c.positionsToSettle), "
                        + "sum(c.paidIn), sum(c.paidOut), sum(c.failed)) from SettlementCycleRecord c group by c.state", CycleTotals.class)
                .getResultList();
    }

    @Override
    public List<SettlementCycleRecord> recent(int limit) {
        return em.createQuery("select c from SettlementCycleRecord c order by c.openedAt desc, c.id", SettlementCycleRecord.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
