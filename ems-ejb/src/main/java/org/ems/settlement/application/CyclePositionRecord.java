package org.ems.settlement.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.CounterpartyId;

/**
 * A counterparty's multilateral net position in one currency, fixed when its cycle closed: what
 * the netting agent pays it (positive) or it pays the agent (negative). What the MSC settles;
 * its gross payments and receipts are kept beside it for the portal.
 */
@Entity
@Table(name = "SETTLEMENT_POSITION", indexes = @Index(name = "IX_SETTLEMENT_POSITION_CYCLE", columnList = "cycleId"))
public class CyclePositionRecord {

    /** {@code <cycle id>/<counterparty>/<currency>}. */
    @Id
    @Column(length = 50)
    private String positionKey;

    @Column(nullable = false, length = 32)
    private String cycleId;

    @Column(nullable = false, length = 11)
    private String counterparty;

    @Column(nullable = false, length = 3)
    private String currency;

    /** Multilateral: receives - pays, in minor units. */
    @Column(nullable = false)
    private long netMinor;

    @Column(nullable = false)
    private long grossPaysMinor;

    @Column(nullable = false)
    private long grossReceivesMinor;

    protected CyclePositionRecord() {
        // for JPA
    }

    CyclePositionRecord(CycleId cycle, CounterpartyId counterparty, Money net, Money grossPays, Money grossReceives) {
        this.positionKey = cycle.value() + "/" + counterparty.code() + "/" + net.currency().code();
        this.cycleId = cycle.value();
        this.counterparty = counterparty.code();
        this.currency = net.currency().code();
        this.netMinor = net.amountMinor();
        this.grossPaysMinor = grossPays.amountMinor();
        this.grossReceivesMinor = grossReceives.amountMinor();
    }

    public CounterpartyId counterparty() {
        return new CounterpartyId(counterparty);
    }

    public CurrencyCode currency() {
        return CurrencyCode.of(currency);
    }

    public Money net() {
        return Money.of(currency(), netMinor);
    }

    public Money grossPays() {
        return Money.of(currency(), grossPaysMinor);
    }

    public Money grossReceives() {
        return Money.of(currency(), grossReceivesMinor);
    }
}
