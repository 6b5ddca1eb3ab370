package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.usd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.ems.money.domain.CurrencyMismatchException;
import org.junit.jupiter.api.Test;

class LiquiditySavingTest {

    @Test
    void basisPointsAreExactAndRoundedAsNamed() {
        LiquiditySaving twoThirds = new LiquiditySaving(usd(3), usd(1));
        assertThat(twoThirds.basisPoints(RoundingMode.DOWN)).isEqualTo(6666);
        assertThat(twoThirds.basisPoints(RoundingMode.HALF_EVEN)).isEqualTo(6667);
        assertThat(twoThirds.ratio(4, RoundingMode.UP)).isEqualTo(new BigDecimal("0.6667"));
        assertThatThrownBy(() -> twoThirds.basisPoints(RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThat(new LiquiditySaving(usd(4), usd(1)).basisPoints(RoundingMode.UNNECESSARY)).isEqualTo(7500);
    }

    @Test
    void worksAtTheTopOfTheLongRange() {
        LiquiditySaving huge = new LiquiditySaving(usd(Long.MAX_VALUE), usd(1));
        assertThat(huge.basisPoints(RoundingMode.DOWN)).isEqualTo(9999);
        assertThat(new LiquiditySaving(usd(Long.MAX_VALUE), usd(0)).basisPoints(RoundingMode.DOWN)).isEqualTo(10_000);
    }

    @Test
    void nothingToSaveWithoutBaselineFunding() {
        assertThat(new LiquiditySaving(usd(0), usd(0)).basisPoints(RoundingMode.UP)).isZero();
        assertThat(new LiquiditySaving(usd(0), usd(0)).ratio(2, RoundingMode.UP)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void refusesNettedFundingOutsideZeroToTheBaseline() {
        assertThatThrownBy(() -> new LiquiditySaving(usd(3), usd(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 0 to the baseline");
        assertThatThrownBy(() -> new LiquiditySaving(usd(3), usd(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiquiditySaving(usd(3), jpy(1))).isInstanceOf(CurrencyMismatchException.class);
    }
}
