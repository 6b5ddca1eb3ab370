package org.ems.test.liberty;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads Liberty's messages.log from a saved offset, so that a wait sees only what the server
 * wrote after the action it waits for (a deployment, an undeployment).
 */
final class MessagesLog {

    private final Path file;
    private long offset;

    MessagesLog(Path file) {
        this.file = file;
    }

    /** Remembers the current end of the log: later waits look only past it. */
    void mark() throws IOException {
        offset = Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * Waits until a line after the mark contains one of {@code success} or {@code failure} codes.
     * Returns the first matching line; the caller decides what a failure code means.
     */
    String awaitAny(List<String> success, List<String> failure, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        StringBuilder pending = new StringBuilder();
        while (Instant.now().isBefore(deadline)) {
            pending.append(readNew());
            Optional<String> hit = firstMatch(pending, success, failure);
            if (hit.isPresent()) {
                return hit.get();
            }
            Thread.sleep(200);
        }
        throw new IOException("no " + success + " in " + file + " within " + timeout.toSeconds() + " s");
    }

    private Optional<String> firstMatch(StringBuilder text, List<String> success, List<String> failure) {
        for (String line : text.toString().split("\n")) {
            for (String code : failure) {
                if (line.contains(code)) {
                    return Optional.of(line);
                }
            }
            for (String code : success) {
                if (line.contains(code)) {
                    return Optional.of(line);
                }
            }
        }
        return Optional.empty();
    }

    private String readNew() throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length < offset) {
                offset = 0; // the log rolled over: read the new file from its start
            }
            byte[] bytes = new byte[(int) (length - offset)];
            raf.seek(offset);
            raf.readFully(bytes);
            offset = length;
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
