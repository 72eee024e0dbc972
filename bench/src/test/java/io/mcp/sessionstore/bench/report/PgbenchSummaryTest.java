package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgbenchSummaryTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSummaryOfPostgresql15() throws Exception {
        Path out = Files.writeString(dir.resolve("a.pgbench.out"), RunFixture.pgbenchOut(8, 12345.678901, 123456, 3));

        PgbenchSummary summary = PgbenchSummary.read(out);

        assertEquals(123456, summary.processed());
        assertEquals(3, summary.failed());
        assertEquals(0, summary.skipped());
        assertEquals(12345.678901, summary.tps().getAsDouble(), 1e-9);
        assertEquals(10, summary.durationSeconds().getAsDouble(), 1e-9);
        assertEquals(0, summary.abortedLines());
    }

    @Test
    void readsSkippedTransactionsOfARateLimitedRun() throws Exception {
        Path out = Files.writeString(dir.resolve("a.pgbench.out"), String.join("\n",
                "number of transactions actually processed: 5000",
                "number of failed transactions: 0 (0.000%)",
                "number of transactions skipped: 7 (0.140%)",
                "number of transactions above the 5.0 ms latency limit: 12/5000 (0.240%)",
                "rate limit schedule lag: avg 0.061 (max 1.853) ms",
                "tps = 499.9 (without initial connection time)"));

        PgbenchSummary summary = PgbenchSummary.read(out);

        assertEquals(7, summary.skipped());
        assertEquals(7, summary.errors());
        assertEquals(499.9, summary.tps().getAsDouble(), 1e-9);
    }

    @Test
    void prefersTheTpsWithoutConnectionTimeOfOlderPgbench() throws Exception {
        Path out = Files.writeString(dir.resolve("a.pgbench.out"), String.join("\n",
                "number of transactions actually processed: 1000/1000",
                "tps = 900.5 (including connections establishing)",
                "tps = 950.25 (excluding connections establishing)"));

        PgbenchSummary summary = PgbenchSummary.read(out);

        assertEquals(1000, summary.processed());
        assertEquals(950.25, summary.tps().getAsDouble(), 1e-9);
    }

    @Test
    void aPgbenchThatCouldNotRunLeavesZerosAndCountsAbortedLines() throws Exception {
        Path out = Files.writeString(dir.resolve("a.pgbench.out"), String.join("\n",
                "pgbench: error: client 0 script 0 aborted in command 1 query 0: ERROR:  relation \"x\" does not exist",
                "pgbench: error: Run was aborted; the above results are incomplete."));

        PgbenchSummary summary = PgbenchSummary.read(out);

        assertEquals(0, summary.processed());
        assertTrue(summary.tps().isEmpty());
        assertEquals(2, summary.abortedLines());
        assertEquals(2, summary.errors());
    }

    @Test
    void aMalformedFigureNamesTheFileAndLine() throws Exception {
        Path out = Files.writeString(dir.resolve("a.pgbench.out"), "duration: 10 s\ntps = many (without initial connection time)\n");

        InputException e = assertThrows(InputException.class, () -> PgbenchSummary.read(out));

        assertTrue(e.getMessage().contains("a.pgbench.out line 2"), e.getMessage());
    }
}
