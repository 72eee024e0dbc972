package io.mcp.sessionstore.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Builds a run directory as bench/run writes it (run.properties, runs.tsv, raw result files), in a
 * test's temporary directory. {@link #realistic(Path)} is a whole run whose verdicts are known.
 */
final class RunFixture {

    static final long MS = 1_000_000L;
    static final String HEADER = "mode\tscenario\tconnections\tside\tload\trate\tunits\tsource";

    private final Path dir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> rows = new ArrayList<>();

    RunFixture(Path dir) {
        this.dir = dir;
    }

    RunFixture property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** A Hyperfoil run (side service or direct): requests over seconds, latencies in nanoseconds. */
    RunFixture hyperfoil(String mode, String scenario, int connections, String side, String load, double rate,
                         long requests, long errors, long blockedMs, double seconds, Histogram nanos) {
        String source = "raw/" + side + "-" + mode + "-" + scenario + "-" + connections + "-" + load;
        row(mode, scenario, connections, side, load, rate, 1, source);
        write(source + ".hf.properties", String.join("\n",
                "requests=" + requests,
                "responses=" + (requests - errors),
                "errors=" + errors,
                "blockedMs=" + blockedMs,
                "seconds=" + seconds,
                "histogram=" + encode(nanos)) + "\n");
        return this;
    }

    /** A service peak run of 10 s at a throughput, with a histogram of p50 1 ms and p99 4 ms. */
    RunFixture servicePeak(String mode, String scenario, int connections, double unitsPerSecond) {
        return hyperfoil(mode, scenario, connections, "service", "peak", 0, Math.round(unitsPerSecond * 10), 0, 0,
                10, histogram(98, MS, 2, 4 * MS));
    }

    /** A pgbench run: its summary and one log file per thread (each a list of log lines). */
    RunFixture pgbench(String scenario, int connections, String load, double rate, int units, double tps,
                       long processed, long failed, List<List<String>> logs) {
        String source = "raw/pgbench-" + scenario + "-" + connections + "-" + load;
        row("-", scenario, connections, "pgbench", load, rate, units, source);
        write(source + ".pgbench.out", pgbenchOut(connections, tps, processed, failed));
        for (int thread = 0; thread < logs.size(); thread++) {
            String suffix = thread == 0 ? ".4242" : ".4242." + thread;
            write(source + ".pgbench.log" + suffix, String.join("\n", logs.get(thread)) + "\n");
        }
        return this;
    }

    /** A pgbench peak run with latencies 0.5 ms (98 transactions) and 2 ms (2). */
    RunFixture pgbenchPeak(String scenario, int connections, int units, double tps) {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            log.add(logLine(i, i < 98 ? 500 : 2000));
        }
        return pgbench(scenario, connections, "peak", 0, units, tps, Math.round(tps * 10), 0, List.of(log));
    }

    RunFixture row(String mode, String scenario, int connections, String side, String load, double rate, int units,
                   String source) {
        rows.add(String.join("\t", mode, scenario, Integer.toString(connections), side, load,
                String.format(Locale.ROOT, "%.1f", rate), Integer.toString(units), source));
        return this;
    }

    /** Writes run.properties and runs.tsv; returns the run directory. */
    Path write() {
        StringBuilder props = new StringBuilder("# written by RunFixture\n");
        properties.forEach((key, value) -> props.append(key).append('=').append(value).append('\n'));
        write("run.properties", props.toString());
        write("runs.tsv", HEADER + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n"));
        return dir;
    }

    void write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole run: four scenarios at 8 and 64 connections, open-model runs, the gateway, start-up, RSS. */
    static RunFixture realistic(Path dir) {
        RunFixture run = new RunFixture(dir)
                .property("date", "2026-12-01 17:05 UTC")
                .property("command", "bench/run --keep")
                .property("commit", "abc1234")
                .property("smoke", "false")
                .property("machine.cpu", "AMD EPYC 7763")
                .property("machine.cores", "2")
                .property("machine.memory", "7.8 GiB")
                .property("machine.os", "Ubuntu 24.04")
                .property("postgresql", "15.8")
                .property("pg.settings", "shared_buffers=1GB synchronous_commit=on")
                .property("jdk", "Temurin 25")
                .property("hyperfoil", "0.25.2")
                .property("pgbench", "15.8")
                .property("seconds", "10")
                .property("sessions", "100000")
                .property("gateway.sessions", "64")
                .property("gateway.warmup", "60")
                .property("jvm.options", "-Xmx256m")
                .property("startup.on.ms", "1830,1790,1802")
                .property("startup.off.ms", "2100,2050,1990,2010")
                .property("rss.on.idle.kib", "153600")
                .property("rss.on.peak.kib", "409600")
                .property("rss.off.idle.kib", "150000")
                .property("rss.off.peak.kib", "600000")
                .property("rss.limit.mib", "512");
        // activity: 8 connections met (1.10x), 64 missed (0.95x)
        run.pgbenchPeak("activity", 8, 1, 10000).servicePeak("on", "activity", 8, 11000)
                .servicePeak("off", "activity", 8, 9000);
        run.pgbenchPeak("activity", 64, 1, 12000).servicePeak("on", "activity", 64, 11400)
                .servicePeak("off", "activity", 64, 10000);
        // get: 0.60x at both, target 0.5x
        run.pgbenchPeak("get", 8, 1, 20000).servicePeak("on", "get", 8, 12000).servicePeak("off", "get", 8, 11000);
        run.pgbenchPeak("get", 64, 1, 22000).servicePeak("on", "get", 64, 13200).servicePeak("off", "get", 64, 12000);
        // create: 0.90x, target 0.8x
        run.pgbenchPeak("create", 8, 1, 8000).servicePeak("on", "create", 8, 7200).servicePeak("off", "create", 8, 6000);
        run.pgbenchPeak("create", 64, 1, 9000).servicePeak("on", "create", 64, 8100)
                .servicePeak("off", "create", 64, 7000);
        // append10: pgbench's transaction counts 10 units: 1000 tps = 10000 events/s
        run.pgbenchPeak("append10", 8, 10, 1000).servicePeak("on", "append10", 8, 10500)
                .servicePeak("off", "append10", 8, 8000);
        run.pgbenchPeak("append10", 64, 10, 1100).servicePeak("on", "append10", 64, 11000)
                .servicePeak("off", "append10", 64, 9000);
        // open model at half of each mode's own peak: p99 4 ms (met) except create on: 6 ms (missed)
        for (String scenario : List.of("get", "activity", "create", "append10")) {
            double p99Ms = scenario.equals("create") ? 6 : 4;
            run.hyperfoil("on", scenario, 8, "service", "half", 5000, 50000, 0, 0, 10,
                    histogram(98, MS, 2, Math.round(p99Ms * MS)));
            run.hyperfoil("off", scenario, 8, "service", "half", 4000, 39990, 0, 0, 10,
                    histogram(98, 2 * MS, 2, 8 * MS));
        }
        run.pgbench("get", 8, "half", 10000, 1, 9998.5, 99985, 0,
                List.of(List.of(lagLine(0, 800, 100), lagLine(1, 900, 0)), List.of(lagLine(2, 1200, 300))));
        // gateway: 8 connections, service against the upstream driven directly
        run.hyperfoil("-", "gateway", 8, "direct", "peak", 0, 200000, 0, 0, 10, histogram(98, MS / 2, 2, 2 * MS));
        run.hyperfoil("on", "gateway", 8, "service", "peak", 0, 150000, 0, 0, 10, histogram(98, MS, 2, 3 * MS));
        run.hyperfoil("off", "gateway", 8, "service", "peak", 0, 140000, 0, 0, 10, histogram(98, MS, 2, 4 * MS));
        return run;
    }

    static String logLine(int transaction, long micros) {
        return "0 " + transaction + " " + micros + " 0 1764608700 " + (100 + transaction);
    }

    static String lagLine(int transaction, long micros, long lagMicros) {
        return logLine(transaction, micros) + " " + lagMicros;
    }

    static String pgbenchOut(int connections, double tps, long processed, long failed) {
        return String.join("\n",
                "pgbench (15.8 (Ubuntu 15.8-1.pgdg24.04+1))",
                "transaction type: /tmp/bench/get.sql",
                "scaling factor: 1",
                "query mode: prepared",
                "number of clients: " + connections,
                "number of threads: 2",
                "maximum number of tries: 1",
                "duration: 10 s",
                "number of transactions actually processed: " + processed,
                "number of failed transactions: " + failed + " (0.000%)",
                "latency average = 0.648 ms",
                "initial connection time = 12.345 ms",
                String.format(Locale.ROOT, "tps = %.6f (without initial connection time)", tps)) + "\n";
    }

    /** count1 values of value1 then count2 values of value2 (nanoseconds). */
    static Histogram histogram(int count1, long value1, int count2, long value2) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(value1, count1);
        histogram.recordValueWithCount(value2, count2);
        return histogram;
    }

    /** As the load runner writes it: Histogram.encodeIntoCompressedByteBuffer, then base64. */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
