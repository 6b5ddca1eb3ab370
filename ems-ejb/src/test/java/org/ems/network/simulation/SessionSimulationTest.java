package org.ems.network.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ems.network.simulation.SessionSimulation.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Establish session and the messages after it, under faults: thousands of seeded runs over
 * every scenario (direct, through the network server, a security server responding, and every
 * way either side refuses), and a run that crashes a party before and after every step. Either
 * both sides hold the session with the same key or neither does; no party is left waiting.
 */
class SessionSimulationTest {

    @Test
    void everyScenarioEndsAsExpectedWithoutFaults() {
        for (Scenario scenario : Scenario.values()) {
            var result = SessionSimulation.run(scenario.ordinal(), scenario, FaultySchedule.Plan.none(), new Random(scenario.ordinal()));
            assertThat(result.violations()).as(scenario.name()).isEmpty();
            assertThat(result.a()).as(scenario.name()).isEqualTo(scenario.expectedA);
            assertThat(result.b()).as(scenario.name()).isEqualTo(scenario.expectedB);
        }
    }

    /** Three runs in four have transport faults only; every fourth is an attack run with one tampered message. */
    @Test
    void seededFaultsNeverLeaveASessionUsableByOneSideOnly() {
        List<SimulationRuns.Run> runs = SimulationRuns.runAll("SessionSimulationTest#seededFaultsNeverLeaveASessionUsableByOneSideOnly",
                3_000_000L, seed -> summarise(SessionSimulation.run(seed, SimulationRuns.plan(seed))));
        if (runs.size() < SimulationRuns.RUNS) {
            return;
        }
        Map<String, Long> outcomes = runs.stream().collect(Collectors.groupingBy(r -> r.summary().substring(0, r.summary().indexOf(',')),
                TreeMap::new, Collectors.counting()));
        System.out.println("session simulation, " + runs.size() + " runs: " + outcomes);
        Set<Scenario> seen = EnumSet.noneOf(Scenario.class);
        runs.forEach(r -> seen.add(Scenario.valueOf(r.summary().substring(0, r.summary().indexOf(' ')))));
        assertThat(seen).containsExactlyInAnyOrder(Scenario.values());
        assertThat(runs).anyMatch(r -> r.summary().contains("SESSION_ENDED/SESSION_ENDED"))
                .anyMatch(r -> r.summary().contains("/SESSION_ABORTED_BY_PEER"));
    }

    @Test
    void aCrashBeforeOrAfterAnyStepOfAnyScenarioLeavesNoSessionHalfOpen() {
        for (Scenario scenario : Scenario.values()) {
            int steps = SessionSimulation.run(0, scenario, FaultySchedule.Plan.none(), new Random(0)).faults().deliveries();
            for (int step = 0; step < steps; step++) {
                for (boolean before : new boolean[] {true, false}) {
                    var result = SessionSimulation.run(step, scenario, FaultySchedule.Plan.crashAt(step, before), new Random(step));
                    assertThat(result.violations()).as("%s, crash %s step %d of %d", scenario, before ? "before" : "after", step, steps)
                            .isEmpty();
                }
            }
        }
    }

    private static SimulationRuns.Run summarise(SessionSimulation.Result result) {
        return new SimulationRuns.Run(result.seed(), result.scenario() + " -> " + result.a() + "/" + result.b() + ", " + result.faults(),
                result.violations(), result.trace());
    }
}
