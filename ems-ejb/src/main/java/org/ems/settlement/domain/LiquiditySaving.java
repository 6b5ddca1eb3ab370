package org.ems.settlement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.ems.money.domain.Money;

/**
 * How much funding one netting method saves against another in one currency: {@code saved /
 * baseline} as an exact ratio of minor units. With no baseline funding there is nothing to save
 * and the saving is zero. Rounding to basis points or to a decimal scale names its rounding mode.
 */
public record LiquiditySaving(Money baseline, Money netted) {

    private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);

    public LiquiditySaving {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(netted, "netted");
        baseline.requireSameCurrency(netted);
        if (netted.isNegative() || netted.isGreaterThan(baseline)) {
            throw new IllegalArgumentException("netted funding " + netted + " must be 0 to the baseline " + baseline);
        }
    }

    /** The funding saved: baseline minus netted (the ratio's numerator; {@link #baseline()} is its denominator). */
    public Money saved() {
        return baseline.minus(netted);
    }

    /** The saving in basis points of the baseline (5,333.33... for the patent's example), rounded as named. */
    public long basisPoints(RoundingMode rounding) {
        return ratio(0, rounding, BASIS_POINTS).longValueExact();
    }

    /** The saving as a fraction of the baseline (0 to 1), to {@code scale} decimal places, rounded as named. */
    public BigDecimal ratio(int scale, RoundingMode rounding) {
        return ratio(scale, rounding, BigDecimal.ONE);
    }

    private BigDecimal ratio(int scale, RoundingMode rounding, BigDecimal unit) {
        Objects.requireNonNull(rounding, "rounding");
        if (baseline.isZero()) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal numerator = BigDecimal.valueOf(saved().amountMinor()).multiply(unit);
        return numerator.divide(BigDecimal.valueOf(baseline.amountMinor()), scale, rounding);
    }
}
