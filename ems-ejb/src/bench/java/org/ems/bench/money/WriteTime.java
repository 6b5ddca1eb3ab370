package org.ems.bench.money;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Wall-clock time spent inside forced writes ({@link DurableFile#store}), counted per benchmark
 * call beside {@link CpuTime}. A forced write's latency on a disk shared with other builds
 * varies by an order of magnitude from minute to minute (probably because an ext4 fsync
 * waits for a journal commit that carries the other processes' writes), so each durable
 * benchmark reports the write time it actually waited, and the rest of its time is compared
 * with its floor's.
 * JMH prints {@code :writeNanos} summed over the measured iterations; per call divide by
 * {@code :calls}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class WriteTime {

    public long writeNanos;

    @Setup(Level.Iteration)
    public void reset() {
        writeNanos = 0;
    }

    void add(long nanos) {
        writeNanos += nanos;
    }
}
