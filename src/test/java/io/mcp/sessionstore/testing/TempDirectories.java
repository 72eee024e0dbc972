package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

    /**
     * Deletes what an earlier test JVM left of its PostgreSQL data directories (a JVM killed, or its
     * shutdown hook cut short: a CI run on a slower machine left 7 of 39 MB): each temporary directory
     * named {@code prefix...}, untouched for {@code age} (so not one another JVM is just making) and
     * with no live postmaster (postmaster.pid absent or naming a process that is gone).
     */
    public static void deleteStale(String prefix, Duration age) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant before = Instant.now().minus(age);
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(temp)) {
            candidates = entries.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return; // left for the system's temporary-file cleanup
        }
        for (Path directory : candidates) {
            try {
                if (Files.isDirectory(directory) && Files.getLastModifiedTime(directory).toInstant().isBefore(before)
                        && !postmasterAlive(directory)) {
                    delete(directory);
                }
            } catch (IOException e) {
                // this one is left (another JVM may be removing it); the others are still tried
            }
        }
    }

    private static boolean postmasterAlive(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return ProcessHandle.of(Long.parseLong(firstLine)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // being written: not ours to judge
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
