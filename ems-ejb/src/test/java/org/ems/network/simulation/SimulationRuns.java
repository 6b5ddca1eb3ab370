package org.ems.network.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Runs many seeded simulations (in parallel: runs share nothing but immutable fixtures) and
 * fails with every failing seed and how to re-run one: {@code -Dems.sim.seed=<seed>} runs only
 * that seed and prints its message trace; {@code -Dems.sim.runs=<n>} changes the run count.
 */
final class SimulationRuns {

    static final int RUNS = Integer.getInteger("ems.sim.runs", 2_000);
    static final Long ONE_SEED = Long.getLong("ems.sim.seed");

    /** A run's seed, a one-line summary, its violations and its trace. */
    record Run(long seed, String summary, List<String> violations, List<String> trace) {
    }

    /** Most runs have transport faults only; every fourth is an attack run (one tampered message). */
    static final int MAX_FAULTS = 4;

    private SimulationRuns() {
    }

    /** On every core: the common pool keeps one core for the caller, which then mostly waits. */
    private static <T> T inParallel(java.util.concurrent.Callable<T> work) {
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            return pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** A generator for a run: consecutive seeds given to java.util.Random straight would draw correlated first values. */
    static Random random(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }

    static FaultySchedule.Plan plan(long seed) {
        return seed % 4 == 0 ? FaultySchedule.Plan.attack(MAX_FAULTS) : FaultySchedule.Plan.transport(MAX_FAULTS);
    }

    static List<Run> runAll(String test, long firstSeed, LongFunction<Run> run) {
        if (ONE_SEED != null) {
            Run one = run.apply(ONE_SEED);
            System.out.println("seed " + ONE_SEED + ": " + one.summary());
            one.trace().forEach(line -> System.out.println("  " + line));
            assertThat(one.violations()).as("seed %d (%s)", ONE_SEED, one.summary()).isEmpty();
            return List.of(one);
        }
        List<Run> runs = inParallel(() -> LongStream.range(firstSeed, firstSeed + RUNS).parallel().mapToObj(run).toList());
        List<Run> failed = runs.stream().filter(r -> !r.violations().isEmpty()).toList();
        assertThat(failed).as(() -> failed.size() + " of " + runs.size() + " runs broke an invariant; re-run one with -Dtest=" + test
                + " -Dems.sim.seed=<seed>:\n" + failed.stream().limit(20)
                        .map(r -> "  seed " + r.seed() + " (" + r.summary() + "): " + r.violations())
                        .collect(Collectors.joining("\n"))).isEmpty();
        return runs;
    }
}
