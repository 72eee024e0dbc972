package io.mcp.sessionstore.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a run directory written by bench/run: run.properties, runs.tsv and each run's raw results. */
final class RunDirectory {

    private RunDirectory() {
    }

    static Benchmark read(Path runDir) throws InputException {
        if (!Files.isDirectory(runDir)) {
            throw new InputException(runDir, "not a directory");
        }
        RunInfo info = RunInfo.load(runDir);
        List<RunResult> results = new ArrayList<>();
        for (RunSpec spec : RunsTable.read(runDir)) {
            results.add(switch (spec.side()) {
                case SERVICE, DIRECT -> HyperfoilResult.read(runDir, spec);
                case PGBENCH -> PgbenchResult.read(runDir, spec);
            });
        }
        return new Benchmark(info, results);
    }
}
