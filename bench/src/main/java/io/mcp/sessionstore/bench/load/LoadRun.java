package io.mcp.sessionstore.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.HdrHistogram.Histogram;

import io.hyperfoil.api.config.Benchmark;
import io.hyperfoil.api.statistics.StatisticsSnapshot;
import io.hyperfoil.core.impl.LocalBenchmarkData;
import io.hyperfoil.core.impl.LocalSimulationRunner;
import io.hyperfoil.core.parser.BenchmarkParser;

/**
 * Runs one Hyperfoil benchmark file in this JVM, with its {@code !param}s given on the command line,
 * and writes what one phase measured to OUT.hf.properties: request, response and error counts, the
 * time the open model could not start a request on schedule, the phase's duration and its latency
 * histogram (HdrHistogram, nanoseconds, compressed and base64). The statistics are computed by the
 * report program from these, not here.
 *
 * <pre>java -cp 'bench/target/classes:bench/target/lib/*' io.mcp.sessionstore.bench.load.LoadRun \
 *     SCENARIO.hf.yaml PHASE OUT NAME=VALUE...</pre>
 *
 * Exits 1 when the file does not parse or the phase measured no request.
 */
public final class LoadRun {

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadRun SCENARIO.hf.yaml PHASE OUT [NAME=VALUE...]");
            System.exit(1);
        }
        Path file = Path.of(args[0]);
        String phase = args[1];
        Path out = Path.of(args[2] + ".hf.properties");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not NAME=VALUE: " + args[i]);
                System.exit(1);
            }
            params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Benchmark benchmark;
        try (InputStream yaml = Files.newInputStream(file)) {
            benchmark = BenchmarkParser.instance().buildBenchmark(yaml, new LocalBenchmarkData(file), params);
        }
        PhaseTotals totals = new PhaseTotals(phase);
        new LocalSimulationRunner(benchmark, totals::add, null, null).run();
        write(out, totals);
        if (totals.snapshot.requestCount == 0) {
            System.err.println(file + ": phase " + phase + " sent no request");
            System.exit(1);
        }
    }

    private static void write(Path out, PhaseTotals totals) throws IOException {
        StatisticsSnapshot s = totals.snapshot;
        Histogram histogram = s.histogram;
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        Properties p = new Properties();
        p.setProperty("requests", Integer.toString(s.requestCount));
        p.setProperty("responses", Integer.toString(s.responseCount));
        p.setProperty("errors", Long.toString(s.errors()));
        p.setProperty("blockedMs", Long.toString(s.blockedTime / 1_000_000));
        p.setProperty("seconds", Double.toString(totals.seconds()));
        p.setProperty("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            p.store(writer, "phase " + totals.phase);
        }
    }
}
