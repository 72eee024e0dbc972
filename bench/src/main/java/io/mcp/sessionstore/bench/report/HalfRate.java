package io.mcp.sessionstore.bench.report;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The arrival rate of an open-model run at half of a side's peak, for bench/run, which must know it
 * before it can start that run: half the highest peak throughput (units/s) measured so far for the
 * scenario and side (and batching mode), over every connection count, divided by the units one
 * arrival brings (10 for a stream of ten events). Printed with one decimal, then the connection
 * count of that peak (pgbench's half-rate run goes with its peak's clients: with more, PostgreSQL's
 * backends outnumber the cores and pgbench cannot keep its own half rate).
 *
 * <pre>HalfRate RUN_DIR SCENARIO SIDE MODE|- UNITS_PER_ARRIVAL</pre>
 */
public final class HalfRate {

    private HalfRate() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: HalfRate RUN_DIR SCENARIO SIDE MODE|- UNITS_PER_ARRIVAL");
            System.exit(Report.BAD_INPUT);
        }
        try {
            RunResult peak = peak(RunDirectory.read(Path.of(args[0])), args[1], Side.ofKey(args[2]),
                    args[3].equals("-") ? Optional.empty() : Optional.of(Mode.ofKey(args[3])));
            System.out.println(String.format(Locale.ROOT, "%.1f %d", rate(peak, Integer.parseInt(args[4])),
                    peak.spec().connections()));
        } catch (InputException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(Report.BAD_INPUT);
        }
    }

    /** The run with the highest peak throughput of the scenario and side (and mode). */
    static RunResult peak(Benchmark benchmark, String scenario, Side side, Optional<Mode> mode) {
        RunResult best = null;
        for (RunResult r : benchmark.results()) {
            if (r.spec().scenario().equals(scenario) && r.spec().side() == side && r.spec().load() == Load.PEAK
                    && r.spec().mode().equals(mode) && (best == null || r.unitsPerSecond() > best.unitsPerSecond())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no peak run of " + scenario + " " + side.key()
                    + mode.map(m -> " " + m.key()).orElse("") + " in runs.tsv");
        }
        return best;
    }

    /** Half of that peak's throughput, in arrivals per second. */
    static double rate(RunResult peak, int unitsPerArrival) {
        return peak.unitsPerSecond() / 2 / unitsPerArrival;
    }
}
