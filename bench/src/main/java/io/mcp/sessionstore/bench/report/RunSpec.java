package io.mcp.sessionstore.bench.report;

import java.util.Optional;

/**
 * One row of runs.tsv: what was measured and where its raw results are.
 *
 * @param line the row's line in runs.tsv, for messages
 * @param mode batching on/off; empty for pgbench and direct, which do not run the service
 * @param rate target arrivals per second for the open model, 0 for peak
 * @param units how many units one request or transaction counts (10 for pgbench's append10)
 * @param source path prefix of the raw result files, relative to the run directory
 */
record RunSpec(int line, Optional<Mode> mode, String scenario, int connections, Side side, Load load,
               double rate, int units, String source) {

    /** Identifies the run among all others: two rows with the same key would make lookups ambiguous. */
    String key() {
        return mode.map(Mode::key).orElse("-") + " " + scenario + " " + connections + " " + side.key() + " "
                + load.key();
    }

    /** How the run is named in messages and in the Errors section. */
    String describe() {
        return scenario + ", " + connections + " connections, " + side.key()
                + mode.map(m -> " (batching " + m.key() + ")").orElse("") + ", " + load.key() + " load";
    }
}
