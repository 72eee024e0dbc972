package io.mcp.sessionstore.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Everything one run directory holds, read and checked: the run's description and every run's figures. */
record Benchmark(RunInfo info, List<RunResult> results) {

    Benchmark {
        results = List.copyOf(results);
    }

    Optional<RunResult> service(String scenario, int connections, Load load, Mode mode) {
        return find(scenario, connections, Side.SERVICE, load, Optional.of(mode));
    }

    Optional<RunResult> pgbench(String scenario, int connections, Load load) {
        return find(scenario, connections, Side.PGBENCH, load, Optional.empty());
    }

    /**
     * pgbench's run of a scenario under that load at whichever connection count it ran: its half-rate
     * run goes with the clients of its own peak (bench/run), not the service's.
     */
    Optional<RunResult> pgbench(String scenario, Load load) {
        return results.stream()
                .filter(result -> result.spec().scenario().equals(scenario) && result.spec().side() == Side.PGBENCH
                        && result.spec().load() == load)
                .findFirst();
    }

    Optional<RunResult> direct(String scenario, int connections, Load load) {
        return find(scenario, connections, Side.DIRECT, load, Optional.empty());
    }

    /** Every scenario measured, in report order. */
    List<String> scenarios() {
        SortedSet<String> names = new TreeSet<>(Scenarios.ORDER);
        results.forEach(result -> names.add(result.spec().scenario()));
        return List.copyOf(names);
    }

    /** The connection counts a scenario was measured at under that load, by any side, ascending. */
    SortedSet<Integer> connections(String scenario, Load load) {
        return connections(scenario, load, null);
    }

    /** The connection counts a scenario was measured at under that load by the service, ascending. */
    SortedSet<Integer> serviceConnections(String scenario, Load load) {
        return connections(scenario, load, Side.SERVICE);
    }

    private SortedSet<Integer> connections(String scenario, Load load, Side side) {
        SortedSet<Integer> counts = new TreeSet<>();
        for (RunResult result : results) {
            if (result.spec().scenario().equals(scenario) && result.spec().load() == load
                    && (side == null || result.spec().side() == side)) {
                counts.add(result.spec().connections());
            }
        }
        return counts;
    }

    /** At least one run measured nothing or had errors: the benchmark is broken (exit status 2). */
    boolean anyRunFailed() {
        return results.stream().anyMatch(RunResult::failed);
    }

    private Optional<RunResult> find(String scenario, int connections, Side side, Load load, Optional<Mode> mode) {
        return results.stream()
                .filter(result -> {
                    RunSpec spec = result.spec();
                    return spec.scenario().equals(scenario) && spec.connections() == connections
                            && spec.side() == side && spec.load() == load && spec.mode().equals(mode);
                })
                .findFirst();
    }
}
