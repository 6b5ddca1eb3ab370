package org.ems.bench.money;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The benchmark thread's own CPU time per call, beside JMH's wall-clock score: on a machine
 * shared with other builds (load above the core count) the wall-clock rate measures the share of
 * a core the thread got, while its CPU time per call stays close to the unloaded cost, so the
 * ratio of a protocol to its floor is taken on CPU time. JMH prints the two counters
 * ({@code :cpuNanos}, {@code :calls}) for each iteration and, in its summary, summed over the
 * measured iterations; CPU time per call = cpuNanos / calls. Time spent waiting for the disk (a
 * forced write) is not CPU time: {@link WriteTime} counts it.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long calls;
    private long started;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
    }

    void start() {
        started = THREADS.getCurrentThreadCpuTime();
    }

    void stop() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
        calls++;
    }
}
