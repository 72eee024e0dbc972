package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @TempDir
    Path dir;

    private String render(RunFixture run) throws Exception {
        return MarkdownReport.render(RunDirectory.read(run.write()), "benchmarks.svg");
    }

    @Test
    void everyTargetRowHasItsOnAndOffFiguresThresholdAndVerdict() throws Exception {
        Benchmark benchmark = RunDirectory.read(RunFixture.realistic(dir).write());
        String markdown = MarkdownReport.render(benchmark, "benchmarks.svg");

        assertContains(markdown, "| target | batching on | batching off | target value | verdict (on) |");
        for (TargetRow row : Targets.rows(benchmark)) {
            assertContains(markdown, "| " + row.target().wording() + " | " + row.onText() + " | " + row.offText()
                    + " | " + row.target().thresholdText() + " | " + row.verdict().markdown() + " |");
        }
        assertContains(markdown, "| activity throughput / PostgreSQL's (pgbench), 64 connections | 0.95x | 0.83x "
                + "| >= 1.00x | **missed** (by 5.0%) |");
    }

    @Test
    void theSectionsComeInTheirOrder() throws Exception {
        String markdown = render(RunFixture.realistic(dir));

        int previous = -1;
        for (String heading : List.of("# Benchmarks", "| CPU | AMD EPYC 7763 |", "## Method", "## Targets",
                "## Throughput", "## Latency at half of peak (open model)", "## Start-up and memory",
                "## Gateway overhead", "![throughput ratios](benchmarks.svg)")) {
            int at = markdown.indexOf(heading);
            assertTrue(at > previous, heading + " after the previous section in:\n" + markdown);
            previous = at;
        }
        assertContains(markdown, "Written by `bench/run --keep` on 2026-12-01 17:05 UTC from commit abc1234. "
                + "Every figure below comes from that one run.");
        assertFalse(markdown.contains("## Errors"), "no run had errors");
        assertFalse(markdown.contains("Smoke run"));
    }

    @Test
    void throughputLatencyStartupAndGatewayTablesShowOnAndOffSideBySide() throws Exception {
        String markdown = render(RunFixture.realistic(dir));

        assertContains(markdown, "| scenario | connections | PostgreSQL (pgbench) units/s | on units/s | on ratio "
                + "| off units/s | off ratio | on p50/p99 ms | off p50/p99 ms |");
        assertContains(markdown, "| POST /sessions/{id}/activity | 8 | 10000 | 11000 | 1.10x | 9000 | 0.90x "
                + "| 1.00 / 4.00 | 1.00 / 4.00 |");
        assertContains(markdown, "| event append, 10-event stream (events/s) | 8 | 10000 | 10500 | 1.05x |");
        assertContains(markdown, "| GET /sessions/{id} | 8 | 5000/5000 | 1.00 | 4.00 | 4.00 |");
        assertContains(markdown, "| 4000/3999 | 2.00 | 8.00 | 8.00 |");
        assertContains(markdown, "| 10000/9999 | 8 | 1.20 | 0 / 0 |");
        assertContains(markdown, "| batching on | 1802 (1790-1830, 3) | 150.0 | 400.0 | 512.0 |");
        assertContains(markdown, "| batching off | 2030 (1990-2100, 4) |");
        assertContains(markdown, "| 8 | 20000 | 0.50 | 2.00 | 15000 | 0.75x | +0.50 | +1.00 | 14000 | 0.70x "
                + "| +0.50 | +2.00 |");
        assertContains(markdown, "each call on one of 64 MCP sessions at random, beside the upstream driven directly "
                + "with as many sessions of its own (peak, same connections, after 60 s of warm-up)");
    }

    @Test
    void pgbenchsHalfRateRunAtItsOwnPeaksClientsSitsBesideTheServicesOpenModelRun() throws Exception {
        RunFixture run = new RunFixture(dir)
                .hyperfoil("on", "get", 64, "service", "half", 5000, 50000, 0, 0, 10, RunFixture.histogram(98, 1, 2, 4))
                .pgbench("get", 8, "half", 10000, 1, 9998.5, 99985, 0,
                        List.of(List.of(RunFixture.lagLine(0, 800, 100), RunFixture.lagLine(1, 900, 0))));

        String markdown = render(run);

        assertContains(markdown, "| GET /sessions/{id} | 64 | 5000/5000 |");
        assertContains(markdown, "| 10000/9999 | 8 | 0.90 |");
        assertFalse(markdown.contains("| GET /sessions/{id} | 8 |"), "no row of its own for pgbench's clients:\n" + markdown);
        assertContains(markdown, "with the clients of that peak");
    }

    @Test
    void aRunWithoutTheGatewaySaysSoAndNothingOfItsSettings() throws Exception {
        String markdown = render(new RunFixture(dir).property("gateway.sessions", "64").property("gateway.warmup", "60"));

        assertContains(markdown, "## Gateway overhead\n\nNot measured in this run.\n");
        assertFalse(markdown.contains("MCP sessions"), markdown);
        assertFalse(markdown.contains("gateway scenario"), markdown);
    }

    @Test
    void aSmokeRunSaysItsFiguresMeanNothing() throws Exception {
        String markdown = render(new RunFixture(dir).property("smoke", "true"));

        assertContains(markdown, "**Smoke run**");
        assertContains(markdown, "figures mean nothing");
        assertContains(markdown, "Written by `-` on - from commit -.");
    }

    @Test
    void freeTextCannotBreakATable() throws Exception {
        String markdown = render(new RunFixture(dir).property("pg.settings", "a|b"));

        assertContains(markdown, "settings: a\\|b");
    }

    @Test
    void runsWithErrorsOrABlockedGeneratorAreListed() throws Exception {
        RunFixture run = new RunFixture(dir)
                .hyperfoil("on", "get", 8, "service", "peak", 0, 1000, 3, 0, 10, RunFixture.histogram(1, 1, 1, 2))
                .hyperfoil("on", "get", 8, "service", "half", 50, 500, 0, 250, 10, RunFixture.histogram(1, 1, 1, 2))
                .hyperfoil("on", "create", 8, "service", "peak", 0, 0, 0, 0, 10, RunFixture.histogram(0, 1, 0, 2));

        String markdown = render(run);

        assertContains(markdown, "## Errors");
        assertContains(markdown, "- get, 8 connections, service (batching on), peak load (`raw/service-on-get-8-peak`): "
                + "3 errors of 1000 requests\n");
        assertContains(markdown, "generator blocked for 250 ms");
        assertContains(markdown, "**no requests measured**");
    }

    @Test
    void aClosedModelRunsWaitForItsConnectionsIsNotListed() throws Exception {
        RunFixture run = new RunFixture(dir)
                .hyperfoil("on", "get", 8, "service", "peak", 0, 1000, 0, 40, 10, RunFixture.histogram(1, 1, 1, 2));

        String markdown = render(run);

        assertTrue(!markdown.contains("## Errors") && !markdown.contains("generator blocked"), markdown);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected\n" + part + "\nin\n" + text);
    }
}
