package org.ems.bench.money;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A party's durable store for the benchmarks: each step's {@code ModuleBook} encoding written
 * at offset 0 behind its length, then {@code FileChannel.force(true)} (data and metadata), so
 * the step is on the disk before its messages would leave. One file per party, as one
 * transaction log per module. (A real store must also survive a torn write, e.g. with two
 * slots or a log; the cost per commit is the same one forced write.)
 */
final class DurableFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private long nanos;

    DurableFile(Path directory, String name) {
        this.path = directory.resolve(name);
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory for the benchmark's files on the build's disk ({@code target}), not a tmpfs. */
    static Path directory() {
        try {
            Path target = Path.of("target");
            return Files.createTempDirectory(Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir")),
                    "money-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code encoded} durably; returns once the disk has it. */
    void store(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + encoded.length).putInt(encoded.length).put(encoded).flip();
        long started = System.nanoTime();
        try {
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nanos += System.nanoTime() - started;
    }

    /** Wall-clock time spent in {@link #store} so far (write and force). */
    long nanos() {
        return nanos;
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
