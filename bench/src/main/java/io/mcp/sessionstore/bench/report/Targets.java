package io.mcp.sessionstore.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The benchmark's targets, all in this one place, and the rows of the Targets table they give for a run.
 * Verdicts judge batching on (the default configuration); the off figures are shown beside.
 */
final class Targets {

    /** A throughput target of one scenario, judged at every connection count measured (8 and 64). */
    record ScenarioTarget(String scenario, Target target) {
    }

    static final List<ScenarioTarget> THROUGHPUT_RATIOS = List.of(
            ratio("activity", 1.0),
            ratio("get", 0.5),
            ratio("create", 0.8),
            ratio("append10", 1.0));

    /** Judged for every scenario but the gateway, on the service's open-model run. */
    static final Target P99_AT_HALF_PEAK = new Target(
            "p99 at half of peak throughput (open model)", Bound.AT_MOST, 5.0, Quantity.MILLISECONDS);

    static final Target STARTUP_MEDIAN = new Target(
            "start-up to ready (median)", Bound.BELOW, 2000, Quantity.WHOLE_MILLISECONDS);

    /** The threshold is the run's rss.limit.mib, the Kubernetes memory limit of the container. */
    static final String RSS_PEAK_WORDING = "RSS peak under load (within the container's memory limit)";

    /** The gateway has no target: its overhead figures are shown, not judged. */
    static final String UNJUDGED_SCENARIO = Scenarios.GATEWAY;

    /** Scenarios whose latency target applies even when the run did not measure them (shown as "-"). */
    private static final List<String> LATENCY_SCENARIOS = List.of("get", "activity", "create", "append10");

    private Targets() {
    }

    private static ScenarioTarget ratio(String scenario, double minimum) {
        return new ScenarioTarget(scenario, new Target(scenario + " throughput / PostgreSQL's (pgbench)",
                Bound.AT_LEAST, minimum, Quantity.RATIO));
    }

    static Target rssPeak(Optional<Double> limitMib) {
        return new Target(RSS_PEAK_WORDING, Bound.AT_MOST, limitMib.orElse(Double.NaN), Quantity.MEBIBYTES);
    }

    /** Every target row in the order of the report: ratios, latency, start-up, memory. */
    static List<TargetRow> rows(Benchmark benchmark) {
        List<TargetRow> rows = new ArrayList<>();
        for (ScenarioTarget ratio : THROUGHPUT_RATIOS) {
            rows.addAll(ratioRows(benchmark, ratio));
        }
        for (String scenario : latencyScenarios(benchmark)) {
            rows.addAll(latencyRows(benchmark, scenario));
        }
        RunInfo info = benchmark.info();
        rows.add(new TargetRow(STARTUP_MEDIAN, info.startup(Mode.ON).map(StartupTimes::median),
                info.startup(Mode.OFF).map(StartupTimes::median)));
        rows.add(new TargetRow(rssPeak(info.rssLimitMib()), info.rssPeakMib(Mode.ON), info.rssPeakMib(Mode.OFF)));
        return rows;
    }

    private static List<TargetRow> ratioRows(Benchmark benchmark, ScenarioTarget ratio) {
        SortedSet<Integer> connections = benchmark.connections(ratio.scenario(), Load.PEAK);
        if (connections.isEmpty()) {
            return List.of(new TargetRow(ratio.target().named(ratio.target().wording() + ", not measured"),
                    Optional.empty(), Optional.empty()));
        }
        List<TargetRow> rows = new ArrayList<>();
        for (int count : connections) {
            ThroughputComparison comparison = ThroughputComparison.at(benchmark, ratio.scenario(), count);
            rows.add(new TargetRow(ratio.target().named(ratio.target().wording() + ", " + count + " connections"),
                    comparison.ratio(Mode.ON), comparison.ratio(Mode.OFF)));
        }
        return rows;
    }

    private static List<String> latencyScenarios(Benchmark benchmark) {
        SortedSet<String> scenarios = new TreeSet<>(Scenarios.ORDER);
        scenarios.addAll(LATENCY_SCENARIOS);
        scenarios.addAll(benchmark.scenarios());
        scenarios.remove(UNJUDGED_SCENARIO);
        return List.copyOf(scenarios);
    }

    private static List<TargetRow> latencyRows(Benchmark benchmark, String scenario) {
        SortedSet<Integer> connections = benchmark.serviceConnections(scenario, Load.HALF);
        String wording = scenario + " " + P99_AT_HALF_PEAK.wording();
        if (connections.isEmpty()) {
            return List.of(new TargetRow(P99_AT_HALF_PEAK.named(wording + ", not measured"),
                    Optional.empty(), Optional.empty()));
        }
        List<TargetRow> rows = new ArrayList<>();
        for (int count : connections) {
            rows.add(new TargetRow(P99_AT_HALF_PEAK.named(wording + ", " + count + " connections"),
                    p99(benchmark, scenario, count, Mode.ON), p99(benchmark, scenario, count, Mode.OFF)));
        }
        return rows;
    }

    private static Optional<Double> p99(Benchmark benchmark, String scenario, int connections, Mode mode) {
        return benchmark.service(scenario, connections, Load.HALF, mode)
                .map(RunResult::latency)
                .filter(LatencySummary::present)
                .map(LatencySummary::p99Ms);
    }
}
