package io.mcp.sessionstore.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's statistics and report program: reads the run directory bench/run wrote, computes every
 * figure and writes OUT_DIR/benchmarks.md and OUT_DIR/benchmarks.svg, with the targets on stdout.
 *
 * <p>Exit status: 0 when the report was written; 2 when it was written but a run measured nothing or had
 * errors (so that the CI smoke run catches a rotted benchmark); 1 for unreadable or malformed input.
 * A missed target never changes the exit status: it is a finding, not a failure of the benchmark.
 */
public final class Report {

    static final String USAGE = "usage: java -cp 'bench/target/classes:bench/target/lib/*' "
            + "io.mcp.sessionstore.bench.report.Report RUN_DIR OUT_DIR";

    static final int WRITTEN = 0;
    static final int BAD_INPUT = 1;
    static final int BROKEN_RUNS = 2;

    private Report() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println(USAGE);
            return BAD_INPUT;
        }
        Path runDir = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        Benchmark benchmark;
        try {
            benchmark = RunDirectory.read(runDir);
        } catch (InputException e) {
            err.println("Report: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            write(benchmark, outDir);
        } catch (IOException e) {
            err.println("Report: cannot write the report to " + outDir + " (" + e + ")");
            return BAD_INPUT;
        }
        List<TargetRow> rows = Targets.rows(benchmark);
        out.print(ConsoleSummary.render(rows));
        out.println("Report: wrote " + outDir.resolve(MarkdownReport.FILE_NAME) + " and "
                + outDir.resolve(RatioChart.FILE_NAME));
        return brokenRuns(benchmark, err) ? BROKEN_RUNS : WRITTEN;
    }

    static void write(Benchmark benchmark, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve(MarkdownReport.FILE_NAME),
                MarkdownReport.render(benchmark, RatioChart.FILE_NAME), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(RatioChart.FILE_NAME),
                RatioChart.render(ThroughputComparison.of(benchmark)), StandardCharsets.UTF_8);
    }

    /** Names every run that measured nothing or had errors; true when there is one (or no run at all). */
    private static boolean brokenRuns(Benchmark benchmark, PrintStream err) {
        if (benchmark.results().isEmpty()) {
            err.println("Report: runs.tsv lists no runs");
            return true;
        }
        for (RunResult result : benchmark.results()) {
            if (result.failed()) {
                err.println("Report: " + result.spec().describe() + ": " + result.errors() + " errors of "
                        + result.requests() + " requests (see the Errors section)");
            }
        }
        return benchmark.anyRunFailed();
    }
}
