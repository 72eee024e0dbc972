package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperfoilResultTest {

    @TempDir
    Path dir;

    private final RunSpec half = new RunSpec(2, Optional.of(Mode.ON), "get", 8, Side.SERVICE, Load.HALF, 5000, 1, "r/get");

    @Test
    void decodesTheCountersAndTheHistogramOfNanoseconds() throws Exception {
        Histogram nanos = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            nanos.recordValue(i * 10_000L); // 0.01 ms .. 10 ms, evenly
        }
        write("r/get.hf.properties", 49990, 49990, 0, 12, 10.0, RunFixture.encode(nanos));

        RunResult result = HyperfoilResult.read(dir, half);

        assertEquals(49990, result.requests());
        assertEquals(0, result.errors());
        assertEquals(12, result.blockedMs());
        assertEquals(4999.0, result.unitsPerSecond(), 1e-9);
        assertEquals(4999.0, result.achievedRate(), 1e-9);
        assertEquals(1000, result.latency().count());
        assertEquals(5.0, result.latency().p50Ms(), 0.01);
        assertEquals(9.9, result.latency().p99Ms(), 0.01);
        assertEquals(9.99, result.latency().p999Ms(), 0.01);
        assertEquals(10.0, result.latency().maxMs(), 0.01);
    }

    @Test
    void throughputCountsUnitsPerRequest() throws Exception {
        RunSpec tenUnits = new RunSpec(2, Optional.of(Mode.ON), "append10", 8, Side.SERVICE, Load.PEAK, 0, 10, "r/a");
        write("r/a.hf.properties", 2500, 2500, 0, 0, 2.5, RunFixture.encode(RunFixture.histogram(1, 1000, 1, 2000)));

        RunResult result = HyperfoilResult.read(dir, tenUnits);

        assertEquals(10000.0, result.unitsPerSecond(), 1e-9);
        assertEquals(1000.0, result.achievedRate(), 1e-9);
    }

    @Test
    void anEmptyHistogramMeansNoLatencies() throws Exception {
        write("r/get.hf.properties", 0, 0, 0, 0, 10.0, RunFixture.encode(new Histogram(3)));

        RunResult result = HyperfoilResult.read(dir, half);

        assertEquals(LatencySummary.NONE, result.latency());
        assertTrue(result.failed(), "a run without requests is a broken run");
    }

    @Test
    void aMissingKeyNamesTheFile() throws Exception {
        Files.createDirectories(dir.resolve("r"));
        Files.writeString(dir.resolve("r/get.hf.properties"), "requests=1\nresponses=1\nseconds=1\nhistogram=AA\n");

        InputException e = assertThrows(InputException.class, () -> HyperfoilResult.read(dir, half));

        assertTrue(e.getMessage().contains("get.hf.properties") && e.getMessage().contains("errors"), e.getMessage());
    }

    @Test
    void aCorruptHistogramNamesTheFileAndLine() throws Exception {
        write("r/get.hf.properties", 1, 1, 0, 0, 1.0, "bm90IGEgaGlzdG9ncmFt");

        InputException e = assertThrows(InputException.class, () -> HyperfoilResult.read(dir, half));

        assertTrue(e.getMessage().contains("get.hf.properties line 6"), e.getMessage());
    }

    @Test
    void aMissingFileNamesTheRunsTsvLine() {
        InputException e = assertThrows(InputException.class, () -> HyperfoilResult.read(dir, half));

        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("runs.tsv line 2"), e.getMessage());
    }

    private void write(String relative, long requests, long responses, long errors, long blockedMs, double seconds,
                       String histogram) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "requests=" + requests + "\nresponses=" + responses + "\nerrors=" + errors
                + "\nblockedMs=" + blockedMs + "\nseconds=" + seconds + "\nhistogram=" + histogram + "\n");
    }
}
