package org.ems.settlement.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.domain.LiquiditySaving;

/**
 * A closed cycle's funding requirement in one currency on a gross, bilateral and multilateral
 * basis (the liquidity each method needs); the liquidity saving is multilateral against gross.
 */
@Entity
@Table(name = "SETTLEMENT_FUNDING", indexes = @Index(name = "IX_SETTLEMENT_FUNDING_CYCLE", columnList = "cycleId"))
public class CycleFundingRecord {

    /** {@code <cycle id>/<currency>}. */
    @Id
    @Column(length = 36)
    private String fundingKey;

    @Column(nullable = false, length = 32)
    private String cycleId;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false)
    private long grossMinor;

    @Column(nullable = false)
    private long bilateralMinor;

    @Column(nullable = false)
    private long multilateralMinor;

    protected CycleFundingRecord() {
        // for JPA
    }

    CycleFundingRecord(CycleId cycle, Money gross, Money bilateral, Money multilateral) {
        this.fundingKey = cycle.value() + "/" + gross.currency().code();
        this.cycleId = cycle.value();
        this.currency = gross.currency().code();
        this.grossMinor = gross.amountMinor();
        this.bilateralMinor = bilateral.amountMinor();
        this.multilateralMinor = multilateral.amountMinor();
    }

    public CurrencyCode currency() {
        return CurrencyCode.of(currency);
    }

    public Money gross() {
        return Money.of(currency(), grossMinor);
    }

    public Money bilateral() {
        return Money.of(currency(), bilateralMinor);
    }

    public Money multilateral() {
        return Money.of(currency(), multilateralMinor);
    }

    public LiquiditySaving saving() {
        return new LiquiditySaving(gross(), multilateral());
    }
}
