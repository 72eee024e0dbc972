package io.mcp.sessionstore.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's peak throughput beside its baseline at one (scenario, connections): PostgreSQL driven
 * by pgbench with the service's own statements, or, for the gateway, the upstream MCP server driven
 * directly. The ratio says what share of the database's (or upstream's) own capacity the service
 * delivers.
 */
record ThroughputComparison(String scenario, int connections, Optional<RunResult> baseline,
                            Optional<RunResult> on, Optional<RunResult> off) {

    /** Every (scenario, connections) with a peak run, in report order. */
    static List<ThroughputComparison> of(Benchmark benchmark) {
        List<ThroughputComparison> comparisons = new ArrayList<>();
        for (String scenario : benchmark.scenarios()) {
            for (int connections : benchmark.connections(scenario, Load.PEAK)) {
                comparisons.add(at(benchmark, scenario, connections));
            }
        }
        return comparisons;
    }

    /** The peak runs of one (scenario, connections); any of them may be absent. */
    static ThroughputComparison at(Benchmark benchmark, String scenario, int connections) {
        Optional<RunResult> baseline = scenario.equals(Scenarios.GATEWAY)
                ? benchmark.direct(scenario, connections, Load.PEAK)
                : benchmark.pgbench(scenario, connections, Load.PEAK);
        return new ThroughputComparison(scenario, connections, baseline,
                benchmark.service(scenario, connections, Load.PEAK, Mode.ON),
                benchmark.service(scenario, connections, Load.PEAK, Mode.OFF));
    }

    /** The gateway is compared with the upstream it fronts, every other scenario with PostgreSQL. */
    boolean againstDirect() {
        return scenario.equals(Scenarios.GATEWAY);
    }

    Optional<RunResult> service(Mode mode) {
        return mode == Mode.ON ? on : off;
    }

    /** Service throughput / baseline throughput; absent without both, or when the baseline measured 0. */
    Optional<Double> ratio(Mode mode) {
        return service(mode).flatMap(service -> baseline
                .filter(base -> base.unitsPerSecond() > 0)
                .map(base -> service.unitsPerSecond() / base.unitsPerSecond()));
    }

    /** Service p50 minus baseline p50: what the service adds in front of its baseline. */
    Optional<Double> addedP50Ms(Mode mode) {
        return added(mode, true);
    }

    /** Service p99 minus baseline p99. */
    Optional<Double> addedP99Ms(Mode mode) {
        return added(mode, false);
    }

    private Optional<Double> added(Mode mode, boolean median) {
        return service(mode).flatMap(service -> baseline
                .filter(base -> base.latency().present() && service.latency().present())
                .map(base -> median
                        ? service.latency().p50Ms() - base.latency().p50Ms()
                        : service.latency().p99Ms() - base.latency().p99Ms()));
    }
}
