package io.mcp.sessionstore.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The summary pgbench prints at the end of a run (SOURCE.pgbench.out, its stdout and stderr). A line that
 * is missing leaves its figure at 0 or empty: a pgbench that could not run prints no summary, and that
 * must show as a broken run (requests 0, exit status 2), not as unreadable input.
 *
 * @param processed "number of transactions actually processed" (successful transactions)
 * @param failed "number of failed transactions"
 * @param skipped "number of transactions skipped" (-R with --latency-limit: too late to start)
 * @param abortedLines lines reporting an aborted client or run: each counts as an error
 * @param tps tps without the initial connection time
 */
record PgbenchSummary(long processed, long failed, long skipped, long abortedLines, OptionalDouble tps,
                      OptionalDouble durationSeconds) {

    static final String SUFFIX = ".pgbench.out";

    private static final String PROCESSED = "number of transactions actually processed:";
    private static final String FAILED = "number of failed transactions:";
    private static final String SKIPPED = "number of transactions skipped:";
    private static final String DURATION = "duration:";
    private static final String TPS = "tps = ";

    static PgbenchSummary read(Path file) throws InputException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long processed = 0;
            long failed = 0;
            long skipped = 0;
            long aborted = 0;
            OptionalDouble tps = OptionalDouble.empty();
            boolean tpsWithoutConnecting = false;
            OptionalDouble duration = OptionalDouble.empty();
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith(PROCESSED)) {
                    // "123456", or "123/1000" when run with -t: the first figure is what was processed.
                    processed = (long) number(file, lineNumber, line.substring(PROCESSED.length()).split("/")[0]);
                } else if (line.startsWith(FAILED)) {
                    failed = (long) number(file, lineNumber, line.substring(FAILED.length()));
                } else if (line.startsWith(SKIPPED)) {
                    skipped = (long) number(file, lineNumber, line.substring(SKIPPED.length()));
                } else if (line.startsWith(DURATION)) {
                    duration = OptionalDouble.of(number(file, lineNumber, line.substring(DURATION.length())));
                } else if (line.startsWith(TPS)) {
                    // pgbench before 14 prints two tps lines, "including" and "excluding connections
                    // establishing"; 14 and later print one, "without initial connection time".
                    boolean withoutConnecting = line.contains("without") || line.contains("excluding");
                    if (tps.isEmpty() || (withoutConnecting && !tpsWithoutConnecting)) {
                        tps = OptionalDouble.of(number(file, lineNumber, line.substring(TPS.length())));
                        tpsWithoutConnecting = withoutConnecting;
                    }
                } else if (line.contains("aborted")) {
                    aborted++;
                }
            }
            return new PgbenchSummary(processed, failed, skipped, aborted, tps, duration);
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** failed + skipped + aborted, as far as the summary knows them. */
    long errors() {
        return failed + skipped + abortedLines;
    }

    /** The leading number of text such as " 0 (0.000%)" or " 10 s". */
    private static double number(Path file, int line, String text) throws InputException {
        String first = text.trim().split("\\s+")[0];
        try {
            double value = Double.parseDouble(first);
            if (Double.isFinite(value) && value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(file, line, "expected a number >= 0 at \"" + text.trim() + "\"");
    }
}
