package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.ems.money.protocol.TellerOperation.Kind;
import org.junit.jupiter.api.Test;

/**
 * Seeded withdrawal and deposit simulation: {@code -Dems.teller.runs=<n>} changes the count
 * (default 5,000: even seeds withdraw, odd seeds deposit), {@code -Dems.teller.seed=<seed>} runs
 * one seed and prints its trace.
 */
class TellerSimulationTest {

    static final int DEFAULT_RUNS = 5_000;
    /** Runs of {@link #aCrashBeforeOrAfterAnyStepLosesNothingUnrecorded}. */
    static final int CRASH_RUNS = TellerSimulation.Scenario.values().length * 2 * 12 * 2;
    static final int RUNS = Integer.getInteger("ems.teller.runs", DEFAULT_RUNS);
    private static final Long ONE_SEED = Long.getLong("ems.teller.seed");
    private static final long FIRST_SEED = 20_261_130_700_000L;

    @Test
    void nobodyGainsValueAndEveryLossIsAClaimableFailedCommit() {
        if (ONE_SEED != null) {
            TellerSimulation.Result one = new TellerSimulation(ONE_SEED).run();
            one.trace().forEach(System.out::println);
            System.out.println(one.summary());
            assertThat(one.violations()).as("seed %d", ONE_SEED).isEmpty();
            return;
        }
        List<TellerSimulation.Result> results = LongStream.range(FIRST_SEED, FIRST_SEED + RUNS).parallel()
                .mapToObj(seed -> new TellerSimulation(seed).run()).toList();
        List<TellerSimulation.Result> failed = results.stream().filter(r -> !r.violations().isEmpty()).toList();
        String report = failed.stream().limit(5)
                .map(r -> "seed " + r.seed() + " (re-run with -Dems.teller.seed=" + r.seed() + "): " + r.violations() + "\n"
                        + String.join("\n", r.trace()))
                .collect(Collectors.joining("\n\n"));
        assertThat(failed.size()).as("%d of %d runs failed; first seeds:\n%s", failed.size(), results.size(), report).isZero();
        assertThat(results.stream().filter(r -> r.kind() == Kind.WITHDRAWAL).count()).isGreaterThanOrEqualTo(RUNS / 2);
        assertThat(results.stream().filter(r -> r.kind() == Kind.DEPOSIT).count()).isGreaterThanOrEqualTo(RUNS / 2);

        // The runs reach every ending of both kinds, and the windows where money is lost and claimable.
        Map<String, Long> endings = new TreeMap<>(results.stream()
                .collect(Collectors.groupingBy(r -> r.kind() + " " + r.summary().split(" ")[0], Collectors.counting())));
        System.out.println("teller simulation endings over " + results.size() + " runs: " + endings);
        for (Kind kind : Kind.values()) {
            assertThat(endings).containsKeys(kind + " COMPLETED", kind + " REFUSED", kind + " FAILED", kind + " RETURNED_TO_ACCOUNT",
                    kind + " ATTENTION");
        }
        assertThat(endings).containsKey("DEPOSIT REFUSED_AT_START");
        assertThat(results).anyMatch(r -> r.summary().matches("\\S+ COMMITTED/FAILED_COMMIT .*"));
        assertThat(results).anyMatch(r -> r.summary().matches("\\S+ \\S+ COMMITTED/FAILED_COMMIT .*"));
        assertThat(results).anyMatch(r -> r.trace().stream().anyMatch(line -> line.contains("the request is resent with the same key")));
    }

    /** Every step of each scenario (and of the steps after the crash) crashed before and after, on both transports. */
    @Test
    void aCrashBeforeOrAfterAnyStepLosesNothingUnrecorded() {
        int runs = 0;
        for (TellerSimulation.Scenario scenario : TellerSimulation.Scenario.values()) {
            for (boolean durable : new boolean[] {true, false}) {
                for (int step = 0; step < 12; step++) {
                    for (boolean before : new boolean[] {true, false}) {
                        TellerSimulation.Result result = new TellerSimulation(scenario, durable, step, before).run();
                        assertThat(result.violations()).as("%s durable %s crash %s step %d:\n%s", scenario, durable,
                                before ? "before" : "after", step, String.join("\n", result.trace())).isEmpty();
                        if (durable) {
                            // Persistent queues: a crash only delays; the operation ends as it would have.
                            assertThat(result.summary()).as("%s durable crash at step %d:\n%s", scenario, step,
                                    String.join("\n", result.trace())).startsWith(scenario.refused() ? "REFUSED " : "COMPLETED ");
                        }
                        runs++;
                    }
                }
            }
        }
        assertThat(runs).isEqualTo(CRASH_RUNS);
    }
}
