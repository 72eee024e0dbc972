package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgbenchResultTest {

    @TempDir
    Path dir;

    @Test
    void throughputIsTpsTimesUnitsAndLatencyComesFromTheLogs() throws Exception {
        new RunFixture(dir).pgbench("append10", 8, "peak", 0, 10, 1234.5, 12345, 0, List.of(
                List.of(RunFixture.logLine(1, 1000), RunFixture.logLine(2, 3000)),
                List.of(RunFixture.logLine(3, 2000))));

        RunResult result = PgbenchResult.read(dir, spec("append10", 10));

        assertEquals(12345.0, result.unitsPerSecond(), 1e-6);
        assertEquals(1234.5, result.achievedRate(), 1e-9);
        assertEquals(12345, result.requests());
        assertEquals(3, result.latency().count());
        assertEquals(2.0, result.latency().p50Ms(), 0.01);
        assertEquals(3.0, result.latency().maxMs(), 0.01);
        assertEquals(0, result.errors());
    }

    @Test
    void failedTransactionsCountedByBothTheSummaryAndTheLogsAreCountedOnce() throws Exception {
        new RunFixture(dir).pgbench("get", 8, "peak", 0, 1, 100, 1000, 2, List.of(List.of(
                RunFixture.logLine(1, 1000), "0 2 failed 0 1764608700 1", "0 3 failed 0 1764608700 2")));

        RunResult result = PgbenchResult.read(dir, spec("get", 1));

        assertEquals(2, result.errors());
        assertTrue(result.failed());
    }

    @Test
    void errorsTheSummaryDoesNotKnowAreTakenFromTheLogs() {
        PgbenchSummary summary = new PgbenchSummary(10, 0, 1, 1, OptionalDouble.of(1), OptionalDouble.empty());
        PgbenchLog.Latencies latencies = new PgbenchLog.Latencies(new Histogram(3), 7, 2, 1);

        assertEquals(4, PgbenchResult.errors(summary, latencies)); // max(1, 3) + 1 aborted
    }

    @Test
    void aMissingSummaryNamesTheFileAndTheRunsTsvLine() {
        InputException e = assertThrows(InputException.class, () -> PgbenchResult.read(dir, spec("get", 1)));

        assertTrue(e.getMessage().contains("pgbench-get-8-peak.pgbench.out") && e.getMessage().contains("runs.tsv line 3"),
                e.getMessage());
    }

    private static RunSpec spec(String scenario, int units) {
        return new RunSpec(3, Optional.empty(), scenario, 8, Side.PGBENCH, Load.PEAK, 0, units,
                "raw/pgbench-" + scenario + "-8-peak");
    }
}
