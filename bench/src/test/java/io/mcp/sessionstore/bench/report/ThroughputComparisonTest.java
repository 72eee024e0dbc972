package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputComparisonTest {

    @TempDir
    Path dir;

    @Test
    void theRatioIsServiceThroughputOverPgbenchThroughputPerMode() throws Exception {
        Benchmark benchmark = RunDirectory.read(RunFixture.realistic(dir).write());

        ThroughputComparison activity64 = ThroughputComparison.at(benchmark, "activity", 64);

        assertEquals(12000, activity64.baseline().orElseThrow().unitsPerSecond(), 1e-6);
        assertEquals(0.95, activity64.ratio(Mode.ON).orElseThrow(), 1e-9);
        assertEquals(10000.0 / 12000, activity64.ratio(Mode.OFF).orElseThrow(), 1e-9);
    }

    @Test
    void pgbenchUnitsCountInTheBaseline() throws Exception {
        Benchmark benchmark = RunDirectory.read(RunFixture.realistic(dir).write());

        ThroughputComparison append = ThroughputComparison.at(benchmark, "append10", 8);

        assertEquals(10000, append.baseline().orElseThrow().unitsPerSecond(), 1e-6);
        assertEquals(1.05, append.ratio(Mode.ON).orElseThrow(), 1e-9);
    }

    @Test
    void theGatewayIsComparedWithTheDirectUpstreamWithItsAddedLatency() throws Exception {
        Benchmark benchmark = RunDirectory.read(RunFixture.realistic(dir).write());

        ThroughputComparison gateway = ThroughputComparison.at(benchmark, "gateway", 8);

        assertTrue(gateway.againstDirect());
        assertEquals(0.75, gateway.ratio(Mode.ON).orElseThrow(), 1e-9);
        assertEquals(0.70, gateway.ratio(Mode.OFF).orElseThrow(), 1e-9);
        assertEquals(0.5, gateway.addedP50Ms(Mode.ON).orElseThrow(), 0.01);
        assertEquals(1.0, gateway.addedP99Ms(Mode.ON).orElseThrow(), 0.01);
        assertEquals(2.0, gateway.addedP99Ms(Mode.OFF).orElseThrow(), 0.01);
    }

    @Test
    void everyScenarioAndConnectionCountWithAPeakRunIsCompared() throws Exception {
        Benchmark benchmark = RunDirectory.read(RunFixture.realistic(dir).write());

        List<String> compared = ThroughputComparison.of(benchmark).stream()
                .map(c -> c.scenario() + "/" + c.connections()).toList();

        assertEquals(List.of("get/8", "get/64", "activity/8", "activity/64", "create/8", "create/64",
                "append10/8", "append10/64", "gateway/8"), compared);
    }

    @Test
    void withoutABaselineOrWithABaselineOfZeroThereIsNoRatio() throws Exception {
        RunFixture run = new RunFixture(dir).servicePeak("on", "get", 8, 1000)
                .pgbench("create", 8, "peak", 0, 1, 0, 0, 0, List.of())
                .servicePeak("on", "create", 8, 1000);
        Benchmark benchmark = RunDirectory.read(run.write());

        assertFalse(ThroughputComparison.at(benchmark, "get", 8).ratio(Mode.ON).isPresent());
        assertFalse(ThroughputComparison.at(benchmark, "create", 8).ratio(Mode.ON).isPresent());
        assertEquals(Optional.empty(), ThroughputComparison.at(benchmark, "get", 8).ratio(Mode.OFF));
    }
}
