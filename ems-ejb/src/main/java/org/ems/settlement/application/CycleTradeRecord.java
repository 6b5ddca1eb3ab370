package org.ems.settlement.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeId;

/**
 * A trade submitted to a cycle, as its canonical EMS-TRADE/1 line, with its sequence number in the
 * cycle. Unique by (cycle, trade id): the idempotency key of intake, enforced by the database too.
 * A rescinded trade stays (flagged), so its id stays used.
 */
@Entity
@Table(name = "SETTLEMENT_TRADE",
        uniqueConstraints = {
            @UniqueConstraint(name = "UK_SETTLEMENT_TRADE_ID", columnNames = {"cycleId", "tradeId"}),
            @UniqueConstraint(name = "UK_SETTLEMENT_TRADE_SEQ", columnNames = {"cycleId", "seqNo"})},
        indexes = @Index(name = "IX_SETTLEMENT_TRADE_CYCLE", columnList = "cycleId, rescinded, seqNo"))
public class CycleTradeRecord {

    /** The longest EMS-TRADE/1 line (docs/settlement.md). */
    static final int LINE_LENGTH = 160;

    /** {@code <cycle id>/<trade id>}. */
    @Id
    @Column(length = 65)
    private String tradeKey;

    @Column(nullable = false, length = 32)
    private String cycleId;

    @Column(nullable = false, length = 32)
    private String tradeId;

    @Column(nullable = false)
    private int seqNo;

    @Column(nullable = false, length = LINE_LENGTH)
    private String line;

    @Column(nullable = false)
    private boolean rescinded;

    @Column(nullable = false)
    private Instant submittedAt;

    private Instant rescindedAt;

    protected CycleTradeRecord() {
        // for JPA
    }

    CycleTradeRecord(CycleId cycle, Trade trade, int sequence, Instant submittedAt) {
        this.tradeKey = key(cycle, trade.id());
        this.cycleId = cycle.value();
        this.tradeId = trade.id().value();
        this.seqNo = sequence;
        this.line = trade.encode();
        this.submittedAt = submittedAt;
    }

    static String key(CycleId cycle, TradeId trade) {
        return cycle.value() + "/" + trade.value();
    }

    public Trade trade() {
        return Trade.decode(line);
    }

    public String line() {
        return line;
    }

    public int sequence() {
        return seqNo;
    }

    public boolean rescinded() {
        return rescinded;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    void rescind(Instant at) {
        this.rescinded = true;
        this.rescindedAt = at;
    }
}
