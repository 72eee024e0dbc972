package io.mcp.sessionstore.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** OUT_DIR/benchmarks.md: every figure of one run, with the targets judged first. */
final class MarkdownReport {

    static final String FILE_NAME = "benchmarks.md";

    private final Benchmark benchmark;
    private final RunInfo info;
    private final List<ThroughputComparison> comparisons;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(Benchmark benchmark) {
        this.benchmark = benchmark;
        this.info = benchmark.info();
        this.comparisons = ThroughputComparison.of(benchmark);
    }

    static String render(Benchmark benchmark, String chartFileName) {
        return new MarkdownReport(benchmark).write(chartFileName);
    }

    private String write(String chartFileName) {
        header();
        machine();
        method();
        targets();
        throughput();
        latency();
        startupAndMemory();
        gateway();
        out.append("## Chart\n\n")
                .append("Peak throughput of the service divided by its baseline's (PostgreSQL with the same ")
                .append("statements; for the gateway, the upstream MCP server driven directly); ")
                .append("the dashed lines are the targets.\n\n")
                .append("![throughput ratios](").append(chartFileName).append(")\n");
        errors();
        return out.toString();
    }

    private void header() {
        out.append("# Benchmarks\n\n")
                .append("Written by `").append(info.text("command").replace('`', '\'')).append("` on ")
                .append(info.text("date")).append(" from commit ").append(info.text("commit"))
                .append(". Every figure below comes from that one run.\n");
        if (info.smoke()) {
            out.append("\n> **Smoke run** on tiny data for a few seconds per run: it shows that the benchmark ")
                    .append("still works end to end; its figures mean nothing.\n");
        }
        out.append('\n');
    }

    private void machine() {
        MarkdownTable table = new MarkdownTable("machine", "")
                .row("CPU", info.text("machine.cpu"))
                .row("cores", info.text("machine.cores"))
                .row("memory", info.text("machine.memory"))
                .row("OS", info.text("machine.os"))
                .row("PostgreSQL", info.text("postgresql") + "; settings: " + info.text("pg.settings"))
                .row("JDK", info.text("jdk") + "; options: " + info.text("jvm.options"))
                .row("load generators", "Hyperfoil " + info.text("hyperfoil") + ", pgbench " + info.text("pgbench")
                        + "; all on the same machine as the service and PostgreSQL")
                .row("data", info.text("sessions") + " sessions preloaded; " + info.text("seconds")
                        + " s per measured run, after " + info.text("warmup") + " s of warm-up at the same load");
        out.append(table.render()).append('\n');
    }

    private void method() {
        String seconds = info.text("seconds");
        out.append("## Method\n\n")
                .append("Peak throughput: closed model, N connections sending requests back to back for ")
                .append(seconds).append(" s. Latency: Hyperfoil's open model (constantRate: each request starts ")
                .append("at its scheduled time whatever earlier responses did, so there is no coordinated ")
                .append("omission) at half of the service's own peak throughput. Baseline: pgbench running the ")
                .append("service's own statements (bench/run writes the scripts from the service's statement ")
                .append("registry, io.mcp.sessionstore.HotStatements), prepared, with the same connections; its ")
                .append("half-rate run uses -R at half of its own peak, with the clients of that peak (with more, ")
                .append("PostgreSQL's backends outnumber the cores and pgbench falls behind its schedule), so its ")
                .append("latency is measured from the scheduled start and includes the schedule lag. Throughput ")
                .append("is in units/s: a request, or one statement of pgbench's ")
                .append("multi-statement transaction. bench/run regenerates every figure; the statistics are ")
                .append("computed by io.mcp.sessionstore.bench.report.Report, from the raw results alone.\n\n");
    }

    private void targets() {
        MarkdownTable table = new MarkdownTable("target", "batching on", "batching off", "target value", "verdict (on)");
        for (TargetRow row : Targets.rows(benchmark)) {
            table.row(row.target().wording(), row.onText(), row.offText(), row.target().thresholdText(),
                    row.verdict().markdown());
        }
        out.append("## Targets\n\n")
                .append("Verdicts judge batching on, the default configuration; the off figures are shown beside. ")
                .append("The gateway has no target.\n\n")
                .append(table.render()).append('\n');
    }

    private void throughput() {
        MarkdownTable table = new MarkdownTable("scenario", "connections", "PostgreSQL (pgbench) units/s",
                "on units/s", "on ratio", "off units/s", "off ratio", "on p50/p99 ms", "off p50/p99 ms");
        for (ThroughputComparison comparison : comparisons) {
            if (comparison.againstDirect()) {
                continue; // its baseline is the upstream, not PostgreSQL: see Gateway overhead
            }
            table.row(Scenarios.label(comparison.scenario()), Integer.toString(comparison.connections()),
                    throughput(comparison.baseline()),
                    throughput(comparison.on()), Format.ratio(comparison.ratio(Mode.ON)),
                    throughput(comparison.off()), Format.ratio(comparison.ratio(Mode.OFF)),
                    p50p99(comparison.on()), p50p99(comparison.off()));
        }
        out.append("## Throughput\n\n");
        out.append(table.isEmpty() ? "No peak runs in this run.\n" : table.render()).append('\n');
    }

    private void latency() {
        MarkdownTable table = new MarkdownTable("scenario", "connections",
                "on: rate target/achieved", "on p50 ms", "on p99 ms", "on p99.9 ms",
                "off: rate target/achieved", "off p50 ms", "off p99 ms", "off p99.9 ms",
                "pgbench at half its peak: rate target/achieved", "pgbench clients", "pgbench p99 ms",
                "blocked ms (on/off)");
        for (String scenario : benchmark.scenarios()) {
            Optional<RunResult> pgbench = benchmark.pgbench(scenario, Load.HALF);
            for (int connections : benchmark.serviceConnections(scenario, Load.HALF)) {
                Optional<RunResult> on = benchmark.service(scenario, connections, Load.HALF, Mode.ON);
                Optional<RunResult> off = benchmark.service(scenario, connections, Load.HALF, Mode.OFF);
                table.row(Scenarios.label(scenario), Integer.toString(connections),
                        rate(on), latency(on, LatencySummary::p50Ms), latency(on, LatencySummary::p99Ms),
                        latency(on, LatencySummary::p999Ms),
                        rate(off), latency(off, LatencySummary::p50Ms), latency(off, LatencySummary::p99Ms),
                        latency(off, LatencySummary::p999Ms),
                        rate(pgbench), pgbench.map(r -> Integer.toString(r.spec().connections())).orElse("-"),
                        latency(pgbench, LatencySummary::p99Ms),
                        blocked(on) + " / " + blocked(off));
            }
        }
        out.append("## Latency at half of peak (open model)\n\n");
        out.append(table.isEmpty() ? "No open-model runs in this run.\n" : table.render()).append('\n');
    }

    private void startupAndMemory() {
        MarkdownTable table = new MarkdownTable("mode", "start-up median ms (min-max, n)", "RSS idle MiB",
                "RSS peak under load MiB", "limit MiB");
        for (Mode mode : Mode.values()) {
            table.row("batching " + mode.key(), startup(info.startup(mode)), Format.mib(info.rssIdleMib(mode)),
                    Format.mib(info.rssPeakMib(mode)), Format.mib(info.rssLimitMib()));
        }
        out.append("## Start-up and memory\n\n").append(table.render()).append('\n');
    }

    private void gateway() {
        MarkdownTable table = new MarkdownTable("connections", "direct req/s", "direct p50 ms", "direct p99 ms",
                "on req/s", "on ratio", "on +p50 ms", "on +p99 ms",
                "off req/s", "off ratio", "off +p50 ms", "off +p99 ms");
        for (ThroughputComparison comparison : comparisons) {
            if (!comparison.againstDirect()) {
                continue;
            }
            table.row(Integer.toString(comparison.connections()), throughput(comparison.baseline()),
                    latency(comparison.baseline(), LatencySummary::p50Ms),
                    latency(comparison.baseline(), LatencySummary::p99Ms),
                    throughput(comparison.on()), Format.ratio(comparison.ratio(Mode.ON)),
                    added(comparison.addedP50Ms(Mode.ON)), added(comparison.addedP99Ms(Mode.ON)),
                    throughput(comparison.off()), Format.ratio(comparison.ratio(Mode.OFF)),
                    added(comparison.addedP50Ms(Mode.OFF)), added(comparison.addedP99Ms(Mode.OFF)));
        }
        out.append("## Gateway overhead\n\n");
        if (table.isEmpty()) {
            out.append("Not measured in this run.\n\n");
            return;
        }
        out.append("The gateway relaying tools/call to an echo upstream, each call on one of ")
                .append(info.text("gateway.sessions")).append(" MCP sessions at random, beside the upstream driven ")
                .append("directly with as many sessions of its own (peak, same connections, after ")
                .append(info.text("gateway.warmup")).append(" s of warm-up): ratio = gateway / direct throughput; ")
                .append("+p50 and +p99 are the latency the gateway adds. Figures only, no target.\n\n")
                .append(table.render()).append('\n');
    }

    private void errors() {
        List<RunResult> listed = benchmark.results().stream().filter(RunResult::worthListing).toList();
        if (listed.isEmpty()) {
            return;
        }
        out.append("\n## Errors\n\n");
        for (RunResult result : listed) {
            RunSpec spec = result.spec();
            out.append("- ").append(spec.describe()).append(" (`").append(spec.source()).append("`): ");
            if (result.requests() == 0) {
                out.append("**no requests measured**, ");
            }
            out.append(result.errors()).append(" errors of ").append(result.requests()).append(" requests");
            if (result.blockedMs() > 0) {
                out.append(", generator blocked for ").append(result.blockedMs())
                        .append(" ms (its latency figures are not trustworthy)");
            }
            out.append('\n');
        }
    }

    private static String throughput(Optional<RunResult> run) {
        return Format.throughput(run.map(RunResult::unitsPerSecond));
    }

    private static String p50p99(Optional<RunResult> run) {
        return latency(run, LatencySummary::p50Ms) + " / " + latency(run, LatencySummary::p99Ms);
    }

    private static String latency(Optional<RunResult> run, Function<LatencySummary, Double> figure) {
        return Format.ms(run.map(RunResult::latency).filter(LatencySummary::present).map(figure));
    }

    private static String rate(Optional<RunResult> run) {
        return run.map(r -> Format.throughput(r.spec().rate()) + "/" + Format.throughput(r.achievedRate()))
                .orElse(Format.ABSENT);
    }

    private static String blocked(Optional<RunResult> run) {
        return run.map(r -> Long.toString(r.blockedMs())).orElse(Format.ABSENT);
    }

    private static String added(Optional<Double> millis) {
        return millis.map(ms -> String.format(Locale.ROOT, "%+.2f", ms)).orElse(Format.ABSENT);
    }

    private static String startup(Optional<StartupTimes> times) {
        return times.map(t -> Format.wholeMs(t.median()) + " (" + Format.wholeMs(t.min()) + "-"
                + Format.wholeMs(t.max()) + ", " + t.count() + ")").orElse(Format.ABSENT);
    }
}
