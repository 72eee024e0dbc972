package io.mcp.sessionstore.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * pgbench's per-transaction logs (-l): one file per thread, each line
 * "client_id transaction_no time script_no time_epoch time_us [schedule_lag] [retries]".
 *
 * <p>time is in microseconds. Under -R pgbench computes it as the end minus the transaction's
 * <em>scheduled</em> start (pgbench.c, processXactStats: latency = now - txn_scheduled), so it already
 * contains schedule_lag (txn_begin - txn_scheduled); adding the lag again would count it twice. time is
 * therefore recorded as it is, which is the latency from the scheduled start: no coordinated omission,
 * like Hyperfoil's open model. time is a word instead of a number for a transaction that did not
 * complete: "skipped" (too late under -R --latency-limit) or "failed" (or, with --failures-detailed,
 * "serialization", "deadlock", "other").
 *
 * <p>Files can hold a million lines each, so they are streamed into the histogram, never held.
 */
final class PgbenchLog {

    static final String SUFFIX = ".pgbench.log";

    private static final int MIN_FIELDS = 6;
    private static final long NANOS_PER_MICRO = 1_000;

    private PgbenchLog() {
    }

    /** Transactions of the logs: latencies in nanoseconds, like Hyperfoil's histograms. */
    record Latencies(Histogram nanos, long completed, long failed, long skipped) {
    }

    /** Every file in the source's directory whose name starts with SOURCE.pgbench.log, sorted by name. */
    static List<Path> files(Path runDir, String source) throws InputException {
        Path prefix = runDir.resolve(source + SUFFIX);
        Path directory = prefix.getParent();
        String namePrefix = prefix.getFileName().toString();
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.getFileName().toString().startsWith(namePrefix))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(directory, "cannot list (" + e.getMessage() + ")", e);
        }
    }

    static Latencies read(List<Path> files) throws InputException {
        Histogram nanos = new Histogram(3);
        long[] counts = new long[3]; // completed, failed, skipped
        for (Path file : files) {
            readFile(file, nanos, counts);
        }
        return new Latencies(nanos, counts[0], counts[1], counts[2]);
    }

    private static void readFile(Path file, Histogram nanos, long[] counts) throws InputException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String time = thirdFieldIfComplete(line);
                if (time == null) {
                    throw new InputException(file, lineNumber, "expected at least " + MIN_FIELDS
                            + " space-separated fields (client_id transaction_no time script_no time_epoch time_us)");
                }
                switch (time) {
                    case "skipped" -> counts[2]++;
                    case "failed", "serialization", "deadlock", "other" -> counts[1]++;
                    default -> {
                        nanos.recordValue(micros(file, lineNumber, time) * NANOS_PER_MICRO);
                        counts[0]++;
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The time field, or null when the line has fewer fields than a transaction line has. */
    private static String thirdFieldIfComplete(String line) {
        // A one-character split takes String's fast path, no regex: this runs a million times a file.
        String[] fields = line.trim().split(" ");
        return fields.length >= MIN_FIELDS ? fields[2] : null;
    }

    private static long micros(Path file, int line, String time) throws InputException {
        try {
            double value = Double.parseDouble(time);
            if (Double.isFinite(value) && value >= 0) {
                return Math.round(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(file, line, "time is \"" + time + "\", expected microseconds, skipped or failed");
    }
}
