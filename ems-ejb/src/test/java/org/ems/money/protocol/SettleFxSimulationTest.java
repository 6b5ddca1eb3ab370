package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded Settle Foreign Exchange simulation: {@code -Dems.settlefx.runs=<n>} changes the count
 * (default 3,000), {@code -Dems.settlefx.seed=<seed>} runs one seed and prints its trace.
 */
class SettleFxSimulationTest {

    static final int RUNS = Integer.getInteger("ems.settlefx.runs", 3_000);
    private static final Long ONE_SEED = Long.getLong("ems.settlefx.seed");
    private static final long FIRST_SEED = 20_261_130_380_000L;

    @Test
    void noCurrencyIsDuplicatedAndEveryLossIsAFailedCommitRecord() {
        if (ONE_SEED != null) {
            SettleFxSimulation.Result one = new SettleFxSimulation(ONE_SEED).run();
            one.trace().forEach(System.out::println);
            assertThat(one.violations()).as("seed %d", ONE_SEED).isEmpty();
            return;
        }
        List<SettleFxSimulation.Result> results = LongStream.range(FIRST_SEED, FIRST_SEED + RUNS).parallel()
                .mapToObj(seed -> new SettleFxSimulation(seed).run()).toList();
        List<SettleFxSimulation.Result> failed = results.stream().filter(r -> !r.violations().isEmpty()).toList();
        String report = failed.stream().limit(5)
                .map(r -> "seed " + r.seed() + " (re-run with -Dems.settlefx.seed=" + r.seed() + "): " + r.violations() + "\n"
                        + String.join("\n", r.trace()))
                .collect(Collectors.joining("\n\n"));
        assertThat(failed.size()).as("%d of %d runs failed; first seeds:\n%s", failed.size(), results.size(), report).isZero();
        Map<String, Long> endings = new TreeMap<>(results.stream()
                .collect(Collectors.groupingBy(r -> r.summary().split(" ")[0], Collectors.counting())));
        System.out.println("settle fx simulation endings over " + results.size() + " runs: " + endings);
        // The runs reach the completed exchange, the one-way payment, refusals, and the windows where money is lost.
        assertThat(endings).containsKeys("COMMITTED/COMMITTED", "ABORTED/ABORTED", "COMMITTED/FAILED_COMMIT", "FAILED_COMMIT/COMMITTED");
        assertThat(results).anyMatch(r -> r.summary().startsWith("COMMITTED/COMMITTED") && r.summary().contains(" for nothing"));
        assertThat(results).anyMatch(r -> r.trace().stream().anyMatch(line -> line.contains("SFX-REFUSED")));
    }

    /** Every step of each scenario (and of the steps after the crash) crashed before and after, on both transports. */
    @Test
    void aCrashBeforeOrAfterAnyStepLosesNothingUnrecorded() {
        int runs = 0;
        for (SettleFxSimulation.Scenario scenario : SettleFxSimulation.Scenario.values()) {
            for (boolean durable : new boolean[] {true, false}) {
                for (int step = 0; step < 9; step++) {
                    for (boolean before : new boolean[] {true, false}) {
                        SettleFxSimulation.Result result = new SettleFxSimulation(scenario, durable, step, before).run();
                        assertThat(result.violations()).as("%s durable %s crash %s step %d:\n%s", scenario, durable,
                                before ? "before" : "after", step, String.join("\n", result.trace())).isEmpty();
                        if (durable) {
                            // Persistent queues: a crash only delays; the exchange completes.
                            assertThat(result.summary()).as("%s durable crash at step %d", scenario, step).startsWith("COMMITTED/COMMITTED");
                        }
                        runs++;
                    }
                }
            }
        }
        assertThat(runs).isEqualTo(108);
    }
}
