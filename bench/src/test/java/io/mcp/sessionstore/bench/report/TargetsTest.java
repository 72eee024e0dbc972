package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    @TempDir
    Path dir;

    @Test
    void everyTargetGivesARowPerConnectionCountMeasured() throws Exception {
        List<TargetRow> rows = Targets.rows(RunDirectory.read(RunFixture.realistic(dir).write()));

        assertEquals(List.of(
                "activity throughput / PostgreSQL's (pgbench), 8 connections",
                "activity throughput / PostgreSQL's (pgbench), 64 connections",
                "get throughput / PostgreSQL's (pgbench), 8 connections",
                "get throughput / PostgreSQL's (pgbench), 64 connections",
                "create throughput / PostgreSQL's (pgbench), 8 connections",
                "create throughput / PostgreSQL's (pgbench), 64 connections",
                "append10 throughput / PostgreSQL's (pgbench), 8 connections",
                "append10 throughput / PostgreSQL's (pgbench), 64 connections",
                "get p99 at half of peak throughput (open model), 8 connections",
                "activity p99 at half of peak throughput (open model), 8 connections",
                "create p99 at half of peak throughput (open model), 8 connections",
                "append10 p99 at half of peak throughput (open model), 8 connections",
                "start-up to ready (median)",
                "RSS peak under load (within the container's memory limit)"),
                rows.stream().map(row -> row.target().wording()).toList());
    }

    @Test
    void verdictsJudgeBatchingOn() throws Exception {
        List<TargetRow> rows = Targets.rows(RunDirectory.read(RunFixture.realistic(dir).write()));

        assertEquals("met (margin 10%)", rows.get(0).verdict().markdown());
        assertEquals("1.10x", rows.get(0).onText());
        assertEquals("0.90x", rows.get(0).offText(), "off is shown, not judged");
        assertEquals("**missed** (by 5.0%)", rows.get(1).verdict().markdown());
        assertEquals(Verdict.Outcome.MET, rows.get(2).verdict().outcome());
        assertEquals(Verdict.Outcome.MET, rows.get(6).verdict().outcome());
        assertEquals(Verdict.Outcome.MET, rows.get(9).verdict().outcome(), "activity p99 4 ms");
        assertEquals(Verdict.Outcome.MISSED, rows.get(10).verdict().outcome(), "create p99 6 ms");
        assertEquals("1802 ms", rows.get(12).onText());
        assertEquals("2030 ms", rows.get(12).offText());
        assertEquals(Verdict.Outcome.MET, rows.get(12).verdict().outcome());
        assertEquals("400.0 MiB", rows.get(13).onText());
        assertEquals("<= 512.0 MiB", rows.get(13).target().thresholdText());
        assertEquals("met (margin 22%)", rows.get(13).verdict().markdown());
    }

    @Test
    void aTargetWhoseFigureWasNotMeasuredStillHasARowWithoutVerdict() throws Exception {
        Benchmark benchmark = RunDirectory.read(new RunFixture(dir)
                .pgbenchPeak("get", 8, 1, 1000).servicePeak("on", "get", 8, 900).write());

        List<TargetRow> rows = Targets.rows(benchmark);

        TargetRow activity = rows.get(0);
        assertEquals("activity throughput / PostgreSQL's (pgbench), not measured", activity.target().wording());
        assertEquals(Verdict.ABSENT, activity.verdict());
        TargetRow get = rows.get(1);
        assertEquals("0.90x", get.onText());
        assertEquals("-", get.offText());
        assertEquals(Optional.empty(), rows.get(rows.size() - 2).on(), "no start-up times in run.properties");
        assertEquals(Verdict.ABSENT, rows.get(rows.size() - 1).verdict(), "no memory limit in run.properties");
    }
}
