package org.ems.network.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ems.network.domain.Outcome;
import org.ems.network.simulation.SignOnSimulation.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Sign-on under faults: thousands of seeded runs over every scenario, with crashes before and
 * after steps, redeliveries, delays past the timeouts, early timers, and (in attack runs) a
 * tampered message; and a systematic run that crashes a party before and after every single
 * step of every scenario. Nothing may be left half-open: no party waiting, no module signed on
 * that the NS did not link or the SS did not approve, no denied module linked.
 */
class SignOnSimulationTest {

    @Test
    void everyScenarioEndsAsExpectedWithoutFaults() {
        for (Scenario scenario : Scenario.values()) {
            var result = SignOnSimulation.run(scenario.ordinal(), scenario, FaultySchedule.Plan.none(), new Random(scenario.ordinal()));
            assertThat(result.violations()).as(scenario.name()).isEmpty();
            assertThat(result.moduleOutcome()).as(scenario.name()).isEqualTo(scenario.expected);
        }
    }

    /** Three runs in four have transport faults only; every fourth is an attack run with one tampered message. */
    @Test
    void seededFaultsNeverLeaveASignOnHalfOpenNorSignOnADeniedModule() {
        List<SimulationRuns.Run> runs = SimulationRuns.runAll("SignOnSimulationTest#seededFaultsNeverLeaveASignOnHalfOpenNorSignOnADeniedModule",
                1_000_000L, seed -> summarise(SignOnSimulation.run(seed, SimulationRuns.plan(seed))));
        report(runs);
    }

    @Test
    void aCrashBeforeOrAfterAnyStepOfAnyScenarioLeavesNothingHalfOpen() {
        int runs = 0;
        for (Scenario scenario : Scenario.values()) {
            int steps = SignOnSimulation.run(0, scenario, FaultySchedule.Plan.none(), new Random(0)).faults().deliveries();
            for (int step = 0; step < steps; step++) {
                for (boolean before : new boolean[] {true, false}) {
                    var result = SignOnSimulation.run(step, scenario, FaultySchedule.Plan.crashAt(step, before), new Random(step));
                    assertThat(result.violations()).as("%s, crash %s step %d of %d", scenario, before ? "before" : "after", step, steps)
                            .isEmpty();
                    runs++;
                }
            }
        }
        assertThat(runs).isGreaterThan(100);
    }

    private static SimulationRuns.Run summarise(SignOnSimulation.Result result) {
        return new SimulationRuns.Run(result.seed(), result.scenario() + " -> " + result.moduleOutcome() + ", " + result.faults(),
                result.violations(), result.trace());
    }

    /** Every scenario and every fault kind must have been exercised, else the runs prove little. */
    private static void report(List<SimulationRuns.Run> runs) {
        if (runs.size() < SimulationRuns.RUNS) {
            return;
        }
        Map<String, Long> outcomes = runs.stream().collect(Collectors.groupingBy(r -> r.summary().substring(0, r.summary().indexOf(',')),
                TreeMap::new, Collectors.counting()));
        System.out.println("sign-on simulation, " + runs.size() + " runs: " + outcomes);
        Set<Scenario> seen = EnumSet.noneOf(Scenario.class);
        runs.forEach(r -> seen.add(Scenario.valueOf(r.summary().substring(0, r.summary().indexOf(' ')))));
        assertThat(seen).containsExactlyInAnyOrder(Scenario.values());
        for (String fault : new String[] {"crashes=", "redeliveries=", "delays=", "earlyTimeouts=", "tampers="}) {
            assertThat(runs).as(fault).anyMatch(r -> !r.summary().contains(fault + "0"));
        }
        assertThat(runs).anyMatch(r -> r.summary().contains("-> " + Outcome.SIGNED_ON)).anyMatch(r -> r.summary().contains("-> " + Outcome.TIMED_OUT));
    }
}
