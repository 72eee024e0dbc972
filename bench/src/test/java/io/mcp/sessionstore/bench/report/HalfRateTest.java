package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalfRateTest {

    @Test
    void halfRateWhenSeveralConnectionCountsThenHalfTheHighestPeakPerArrival(@TempDir Path dir) throws Exception {
        Benchmark run = RunDirectory.read(new RunFixture(dir)
                .servicePeak("on", "append10", 8, 3000)
                .servicePeak("on", "append10", 64, 5000)
                .servicePeak("off", "append10", 64, 9000)
                .write());
        assertEquals(250.0, HalfRate.rate(HalfRate.peak(run, "append10", Side.SERVICE, Optional.of(Mode.ON)), 10), 1e-9,
                "5000 events/s at best, half of it in streams of 10");
        assertEquals(4500.0, HalfRate.rate(HalfRate.peak(run, "append10", Side.SERVICE, Optional.of(Mode.OFF)), 1), 1e-9);
    }

    @Test
    void halfRateWhenThePeakWasAtFewerConnectionsThenItsRunNamesThem(@TempDir Path dir) throws Exception {
        Benchmark run = RunDirectory.read(new RunFixture(dir)
                .pgbenchPeak("get", 8, 1, 30000)
                .pgbenchPeak("get", 64, 1, 14000)
                .write());
        RunResult peak = HalfRate.peak(run, "get", Side.PGBENCH, Optional.empty());
        assertEquals(8, peak.spec().connections(), "pgbench's half-rate run goes with the clients of its best peak");
        assertEquals(15000.0, HalfRate.rate(peak, 1), 1e-9);
    }

    @Test
    void halfRateWhenNoPeakMeasuredThenAnErrorNamingTheRun(@TempDir Path dir) throws Exception {
        Benchmark run = RunDirectory.read(new RunFixture(dir).write());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HalfRate.peak(run, "get", Side.PGBENCH, Optional.empty()));
        assertEquals("no peak run of get pgbench in runs.tsv", error.getMessage());
    }
}
