package io.mcp.sessionstore.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A pgbench run: throughput and counts from its summary, latencies from its per-transaction logs. */
final class PgbenchResult {

    private PgbenchResult() {
    }

    static RunResult read(Path runDir, RunSpec spec) throws InputException {
        Path out = runDir.resolve(spec.source() + PgbenchSummary.SUFFIX);
        if (!Files.isRegularFile(out)) {
            throw new InputException(out, "missing (pgbench's output of " + spec.describe()
                    + ", runs.tsv line " + spec.line() + ")");
        }
        PgbenchSummary summary = PgbenchSummary.read(out);
        List<Path> logs = PgbenchLog.files(runDir, spec.source());
        PgbenchLog.Latencies latencies = PgbenchLog.read(logs);
        double tps = summary.tps().orElse(0);
        return new RunResult(spec, summary.processed(), errors(summary, latencies), 0, tps * spec.units(), tps,
                LatencySummary.ofNanos(latencies.nanos()));
    }

    /**
     * The summary and the logs count the same failed and skipped transactions, so they are not added:
     * the larger count is taken (the logs know more when the summary is cut short, the summary when a
     * log file is missing). Aborted clients appear only in the summary.
     */
    static long errors(PgbenchSummary summary, PgbenchLog.Latencies latencies) {
        long fromSummary = summary.failed() + summary.skipped();
        long fromLogs = latencies.failed() + latencies.skipped();
        return Math.max(fromSummary, fromLogs) + summary.abortedLines();
    }
}
