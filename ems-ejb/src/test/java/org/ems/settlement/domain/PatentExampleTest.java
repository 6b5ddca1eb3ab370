package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.settlement.domain.TradeFixtures.A;
import static org.ems.settlement.domain.TradeFixtures.B;
import static org.ems.settlement.domain.TradeFixtures.C;
import static org.ems.settlement.domain.TradeFixtures.JPY;
import static org.ems.settlement.domain.TradeFixtures.USD;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.usd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of WO 97/19427 (Foreign Exchange Settlement, figure 23): A, B and C trade
 * USD and JPY in four trades; the patent states what each pays and receives on a gross, a
 * bilateral and a multilateral basis. USD amounts are in cents.
 */
class PatentExampleTest {

    private final NetPositions positions = Netting.net(PaymentLegs.of(List.of(A, B, C), TradeFixtures.patentExample()));

    @Test
    void grossAPaysC10UsdAndReceives1000Jpy() {
        assertThat(positions.owes(A, C, USD)).isEqualTo(usd(1000));
        assertThat(positions.owes(C, A, JPY)).isEqualTo(jpy(1000));
        assertThat(positions.owes(A, C, JPY)).isEqualTo(jpy(0));
        assertThat(positions.owes(C, A, USD)).isEqualTo(usd(0));
    }

    @Test
    void grossAPaysB500JpyAnd9UsdAndReceives5UsdAnd900Jpy() {
        assertThat(positions.owes(A, B, JPY)).isEqualTo(jpy(500));
        assertThat(positions.owes(A, B, USD)).isEqualTo(usd(900));
        assertThat(positions.owes(B, A, USD)).isEqualTo(usd(500));
        assertThat(positions.owes(B, A, JPY)).isEqualTo(jpy(900));
    }

    @Test
    void grossBPaysC600JpyAndReceives6Usd() {
        assertThat(positions.owes(B, C, JPY)).isEqualTo(jpy(600));
        assertThat(positions.owes(C, B, USD)).isEqualTo(usd(600));
        assertThat(positions.owes(B, C, USD)).isEqualTo(usd(0));
        assertThat(positions.owes(C, B, JPY)).isEqualTo(jpy(0));
    }

    @Test
    void bilaterallyTheOnlyDifferenceIsAPaysB4UsdAndReceives400Jpy() {
        assertThat(positions.bilateral(A, B, USD)).isEqualTo(usd(-400));
        assertThat(positions.bilateral(A, B, JPY)).isEqualTo(jpy(400));
        assertThat(positions.bilateral(B, A, USD)).isEqualTo(usd(400));
        assertThat(positions.bilateral(B, A, JPY)).isEqualTo(jpy(-400));
        // the other pairs trade in one direction per currency, so they settle as on a gross basis
        assertThat(positions.bilateral(A, C, USD)).isEqualTo(usd(-1000));
        assertThat(positions.bilateral(A, C, JPY)).isEqualTo(jpy(1000));
        assertThat(positions.bilateral(B, C, JPY)).isEqualTo(jpy(-600));
        assertThat(positions.bilateral(B, C, USD)).isEqualTo(usd(600));
    }

    @Test
    void multilaterallyTheAgentReceives14UsdFromA1000JpyFromB400JpyFromC() {
        assertThat(positions.multilateral(A, USD)).isEqualTo(usd(-1400));
        assertThat(positions.multilateral(B, JPY)).isEqualTo(jpy(-1000));
        assertThat(positions.multilateral(C, JPY)).isEqualTo(jpy(-400));
    }

    @Test
    void multilaterallyTheAgentPays1400JpyToA10UsdToB4UsdToC() {
        assertThat(positions.multilateral(A, JPY)).isEqualTo(jpy(1400));
        assertThat(positions.multilateral(B, USD)).isEqualTo(usd(1000));
        assertThat(positions.multilateral(C, USD)).isEqualTo(usd(400));
        assertThat(positions.multilateralPositions()).containsExactly(
                new NetPosition(A, jpy(1400)), new NetPosition(A, usd(-1400)),
                new NetPosition(B, jpy(-1000)), new NetPosition(B, usd(1000)),
                new NetPosition(C, jpy(-400)), new NetPosition(C, usd(400)));
    }

    @Test
    void fundingFallsFromGrossToBilateralToMultilateral() {
        // gross USD: A 10 + 9, B 5, C 6; JPY: A 500, B 600 + 900, C 1000
        assertThat(positions.funding(NettingMethod.GROSS, USD)).isEqualTo(usd(3000));
        assertThat(positions.funding(NettingMethod.GROSS, JPY)).isEqualTo(jpy(3000));
        // bilateral USD: A->C 10, A->B 4, C->B 6; JPY: C->A 1000, B->A 400, B->C 600
        assertThat(positions.funding(NettingMethod.BILATERAL, USD)).isEqualTo(usd(2000));
        assertThat(positions.funding(NettingMethod.BILATERAL, JPY)).isEqualTo(jpy(2000));
        assertThat(positions.funding(NettingMethod.MULTILATERAL, USD)).isEqualTo(usd(1400));
        assertThat(positions.funding(NettingMethod.MULTILATERAL, JPY)).isEqualTo(jpy(1400));
        assertThat(positions.funding(NettingMethod.GROSS, A, USD)).isEqualTo(usd(1900));
        assertThat(positions.funding(NettingMethod.BILATERAL, A, USD)).isEqualTo(usd(1400));
        assertThat(positions.funding(NettingMethod.MULTILATERAL, A, USD)).isEqualTo(usd(1400));
        assertThat(positions.funding(NettingMethod.GROSS, B, JPY)).isEqualTo(jpy(1500));
        assertThat(positions.funding(NettingMethod.BILATERAL, B, JPY)).isEqualTo(jpy(1000));
        assertThat(positions.funding(NettingMethod.MULTILATERAL, B, JPY)).isEqualTo(jpy(1000));
        assertThat(positions.funding(NettingMethod.MULTILATERAL, A, JPY)).isEqualTo(jpy(0));
    }

    @Test
    void multilateralNettingSaves16Of30InEachCurrency() {
        LiquiditySaving usdSaving = positions.liquiditySaving(USD);
        assertThat(usdSaving.saved()).isEqualTo(usd(1600));
        assertThat(usdSaving.baseline()).isEqualTo(usd(3000));
        assertThat(usdSaving.basisPoints(RoundingMode.DOWN)).isEqualTo(5333);
        assertThat(usdSaving.ratio(6, RoundingMode.HALF_EVEN)).isEqualTo(new BigDecimal("0.533333"));
        assertThat(positions.liquiditySaving(JPY).saved()).isEqualTo(jpy(1600));
        assertThat(positions.liquiditySaving(NettingMethod.BILATERAL, NettingMethod.GROSS, JPY).basisPoints(RoundingMode.HALF_UP))
                .isEqualTo(3333);
    }

    @Test
    void theBookGivesTheSamePositions() {
        TradeBook book = new TradeBook(TradeFixtures.CYCLE, List.of(A, B, C));
        TradeFixtures.patentExample().forEach(t -> book.add(t, TradeFixtures.BEFORE_CUT_OFF));
        assertThat(book.netPositions()).isEqualTo(positions);
    }
}
