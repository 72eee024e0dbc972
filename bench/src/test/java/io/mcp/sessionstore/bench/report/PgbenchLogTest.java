package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgbenchLogTest {

    @TempDir
    Path dir;

    @Test
    void recordsTheTimeOfEachTransactionInNanoseconds() throws Exception {
        Path log = write("a.pgbench.log.1", "0 1 1500 0 1764608700 1\n1 1 1500 0 1764608700 2\n0 2 3000 0 1764608700 3\n");

        PgbenchLog.Latencies latencies = PgbenchLog.read(List.of(log));

        assertEquals(3, latencies.completed());
        assertEquals(3, latencies.nanos().getTotalCount());
        assertEquals(1.5, latencies.nanos().getValueAtPercentile(50) / 1e6, 0.01);
        assertEquals(3.0, latencies.nanos().getMaxValue() / 1e6, 0.01);
        assertEquals(0, latencies.failed());
        assertEquals(0, latencies.skipped());
    }

    @Test
    void takesTheTimeOfARateLimitedRunAsItIsBecauseItAlreadyIncludesTheScheduleLag() throws Exception {
        // pgbench -R logs time = end - scheduled start; the 7th column (lag) is part of it already.
        Path log = write("a.pgbench.log.1", "0 1 2000 0 1764608700 1 500\n0 2 2000 0 1764608700 2 1500\n");

        PgbenchLog.Latencies latencies = PgbenchLog.read(List.of(log));

        assertEquals(2, latencies.completed());
        assertEquals(2.0, latencies.nanos().getMaxValue() / 1e6, 0.01);
        assertEquals(2.0, latencies.nanos().getMinValue() / 1e6, 0.01);
    }

    @Test
    void countsSkippedAndFailedTransactionsAsErrorsWithoutALatency() throws Exception {
        Path log = write("a.pgbench.log.1", String.join("\n",
                "0 1 800 0 1764608700 1 10",
                "0 2 skipped 0 1764608700 2 9000",
                "1 1 failed 0 1764608700 3 0",
                "1 2 serialization 0 1764608700 4 0",
                "1 3 900 0 1764608700 5 20 0",
                "") + "\n");

        PgbenchLog.Latencies latencies = PgbenchLog.read(List.of(log));

        assertEquals(2, latencies.completed());
        assertEquals(2, latencies.nanos().getTotalCount());
        assertEquals(1, latencies.skipped());
        assertEquals(2, latencies.failed());
    }

    @Test
    void findsEveryLogFileOfTheSourceAndNoOther() throws Exception {
        write("raw/get-8.pgbench.log.4242", "0 1 1000 0 1764608700 1\n");
        write("raw/get-8.pgbench.log.4242.1", "1 1 2000 0 1764608700 1\n1 2 3000 0 1764608700 2\n");
        write("raw/get-80.pgbench.log.4242", "0 1 99000 0 1764608700 1\n");
        write("raw/get-8.pgbench.out", "tps = 1\n");

        List<Path> files = PgbenchLog.files(dir, "raw/get-8");
        PgbenchLog.Latencies latencies = PgbenchLog.read(files);

        assertEquals(List.of("get-8.pgbench.log.4242", "get-8.pgbench.log.4242.1"),
                files.stream().map(file -> file.getFileName().toString()).toList());
        assertEquals(3, latencies.completed());
        assertEquals(3.0, latencies.nanos().getMaxValue() / 1e6, 0.01);
    }

    @Test
    void noLogFilesMeansNoLatencies() throws Exception {
        List<Path> files = PgbenchLog.files(dir, "raw/none");

        assertEquals(List.of(), files);
        assertEquals(0, PgbenchLog.read(files).nanos().getTotalCount());
    }

    @Test
    void aTruncatedLineNamesTheFileAndLine() throws Exception {
        Path log = write("a.pgbench.log.1", "0 1 1500 0 1764608700 1\n0 2 1500\n");

        InputException e = assertThrows(InputException.class, () -> PgbenchLog.read(List.of(log)));

        assertTrue(e.getMessage().contains("a.pgbench.log.1 line 2"), e.getMessage());
    }

    @Test
    void anUnknownWordInTheTimeColumnIsMalformed() throws Exception {
        Path log = write("a.pgbench.log.1", "0 1 oops 0 1764608700 1\n");

        InputException e = assertThrows(InputException.class, () -> PgbenchLog.read(List.of(log)));

        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("oops"), e.getMessage());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
