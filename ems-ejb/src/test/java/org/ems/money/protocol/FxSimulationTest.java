package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Seeded foreign exchange simulation: {@code -Dems.fx.runs=<n>} (default 5,000), {@code -Dems.fx.seed=<seed>}. */
class FxSimulationTest {

    static final int RUNS = Integer.getInteger("ems.fx.runs", 5_000);
    private static final Long ONE_SEED = Long.getLong("ems.fx.seed");
    private static final long FIRST_SEED = 20_261_130_500_000L;

    @Test
    void eachTransferCommitsTransferorFirstInTheOrderSOfXAndNothingIsDuplicated() {
        if (ONE_SEED != null) {
            FxSimulation.Result one = new FxSimulation(ONE_SEED).run();
            one.trace().forEach(System.out::println);
            assertThat(one.violations()).as("seed %d", ONE_SEED).isEmpty();
            return;
        }
        List<FxSimulation.Result> results = LongStream.range(FIRST_SEED, FIRST_SEED + RUNS).parallel()
                .mapToObj(seed -> new FxSimulation(seed).run()).toList();
        List<FxSimulation.Result> failed = results.stream().filter(r -> !r.violations().isEmpty()).toList();
        String report = failed.stream().limit(5)
                .map(r -> "seed " + r.seed() + " (re-run with -Dems.fx.seed=" + r.seed() + "): " + r.violations() + "\n"
                        + String.join("\n", r.trace()))
                .collect(Collectors.joining("\n\n"));
        assertThat(failed.size()).as("%d of %d runs failed; first seeds:\n%s", failed.size(), results.size(), report).isZero();
        Map<String, Long> endings = new TreeMap<>(results.stream()
                .collect(Collectors.groupingBy(r -> r.summary().split(" ")[1], Collectors.counting())));
        System.out.println("fx simulation endings over " + results.size() + " runs: " + endings);
        assertThat(endings).containsKey("COMMITTED/COMMITTED");
        assertThat(endings.keySet()).anyMatch(k -> k.contains("FAILED_COMMIT"));
    }
}
