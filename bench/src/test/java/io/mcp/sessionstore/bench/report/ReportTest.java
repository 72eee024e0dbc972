package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path runDir, Path outDir) {
        return Report.run(new String[] {runDir.toString(), outDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesTheReportAndTheChartAndPrintsTheTargets() throws Exception {
        Path runDir = RunFixture.realistic(dir.resolve("run")).write();
        Path outDir = dir.resolve("out/docs");

        int status = run(runDir, outDir);

        assertEquals(0, status, "a missed target does not change the exit status; stderr: " + err);
        assertTrue(Files.readString(outDir.resolve("benchmarks.md")).startsWith("# Benchmarks\n"));
        assertTrue(Files.readString(outDir.resolve("benchmarks.svg")).contains("<svg"));
        String console = out.toString(StandardCharsets.UTF_8);
        assertTrue(console.lines().anyMatch(line -> line.startsWith("activity throughput / PostgreSQL's (pgbench), 64 "
                + "connections") && line.contains("0.95x") && line.contains("0.83x") && line.contains("MISSED (by 5.0%)")),
                console);
        assertTrue(console.contains("start-up to ready (median)"), console);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunWithZeroRequestsExitsWith2AndStillWritesTheReport() throws Exception {
        Path runDir = RunFixture.realistic(dir.resolve("run"))
                .hyperfoil("on", "get", 64, "service", "half", 100, 0, 0, 0, 10, RunFixture.histogram(0, 1, 0, 1))
                .write();

        int status = run(runDir, dir.resolve("out"));

        assertEquals(2, status);
        assertTrue(Files.readString(dir.resolve("out/benchmarks.md")).contains("## Errors"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("get, 64 connections"), err.toString());
    }

    @Test
    void aRunWithErrorsExitsWith2() throws Exception {
        Path runDir = new RunFixture(dir.resolve("run")).pgbench("get", 8, "peak", 0, 1, 100, 1000, 4,
                List.of()).write();

        assertEquals(2, run(runDir, dir.resolve("out")));
        assertTrue(Files.readString(dir.resolve("out/benchmarks.md")).contains("4 errors of 1000 requests"));
    }

    @Test
    void aBlockedGeneratorIsListedButIsNoFailure() throws Exception {
        Path runDir = new RunFixture(dir.resolve("run"))
                .hyperfoil("on", "get", 8, "service", "half", 50, 500, 0, 30, 10, RunFixture.histogram(1, 1, 1, 2))
                .write();

        assertEquals(0, run(runDir, dir.resolve("out")));
        assertTrue(Files.readString(dir.resolve("out/benchmarks.md")).contains("generator blocked for 30 ms"));
    }

    @Test
    void aRunDirectoryWithoutRunsExitsWith2() throws Exception {
        assertEquals(2, run(new RunFixture(dir.resolve("run")).write(), dir.resolve("out")));
        assertTrue(Files.exists(dir.resolve("out/benchmarks.md")));
    }

    @Test
    void aMalformedRunsTsvExitsWith1NamingTheFileAndLineAndWritesNothing() throws Exception {
        Path runDir = RunFixture.realistic(dir.resolve("run")).write();
        Files.writeString(runDir.resolve("runs.tsv"), "\n" + "on\tget\t8\tservice\tpeak\t0\t1\n",
                StandardOpenOption.APPEND);

        int status = run(runDir, dir.resolve("out"));

        assertEquals(1, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("runs.tsv line ") && message.contains("expected 8 tab-separated columns"), message);
        assertFalse(Files.exists(dir.resolve("out/benchmarks.md")));
    }

    @Test
    void aMissingRunDirectoryOrWrongArgumentsExitWith1() {
        assertEquals(1, run(dir.resolve("absent"), dir.resolve("out")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a directory"));

        assertEquals(1, Report.run(new String[] {"only-one"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: "));
    }
}
