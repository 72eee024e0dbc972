package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** The temporary directories the tests make, removed when done: a database's data is 140 MB a run. */
public final class TempDirectories {

    private TempDirectories() {
    }

    /**
     * Deletes the directory and all below it, again until it is gone or the deadline passes: at a
     * JVM's end a server another shutdown hook is stopping may still write into it. What cannot be
     * deleted stays (no test fails for it).
     */
    public static void delete(Path directory, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        delete(directory);
        while (directory != null && Files.exists(directory) && Instant.now().isBefore(end)) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval
            delete(directory);
        }
    }

    /** Deletes the directory and all below it; what cannot be deleted stays (no test fails for it). */
    public static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // left for the system's temporary-file cleanup
        }
    }
}
