package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * EMS issue 4: a build runs at least 10,000 interrupted protocol runs. Transfers, POS and
 * person-to-person payments all run the Payer/Payee protocol of {@link PaymentSimulation}; FX
 * runs {@link FxSimulation} and {@link SettleFxSimulation}; withdrawals and deposits
 * {@link TellerSimulation}. The counts are the ones the simulations use in this build
 * ({@code -Dems.*.runs} lowers them, and then this test says so).
 */
class MoneySimulationCountTest {

    @Test
    void theMoneySimulationsRunAtLeastTenThousandInterruptedRunsPerBuild() {
        int teller = TellerSimulationTest.RUNS + TellerSimulationTest.CRASH_RUNS;
        int total = PaymentSimulationTest.RUNS + FxSimulationTest.RUNS + SettleFxSimulationTest.RUNS + teller;
        assertThat(total).as("payment %d + fx %d + settle fx %d + teller %d", PaymentSimulationTest.RUNS, FxSimulationTest.RUNS,
                SettleFxSimulationTest.RUNS, teller).isGreaterThanOrEqualTo(10_000);
        // Withdrawals are the even seeds, deposits the odd ones: at least 2,500 of each.
        assertThat(TellerSimulationTest.RUNS / 2).isGreaterThanOrEqualTo(2_500);
        assertThat(TellerSimulation.kindOf(0)).isNotEqualTo(TellerSimulation.kindOf(1));
    }
}
