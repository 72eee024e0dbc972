package io.mcp.sessionstore.bench.report;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * SOURCE.hf.properties, written by the load runner for a run of the service or of the direct upstream:
 * counters plus the response times as a compressed HdrHistogram of nanoseconds, base64-encoded.
 */
final class HyperfoilResult {

    static final String SUFFIX = ".hf.properties";

    private HyperfoilResult() {
    }

    static Path file(Path runDir, RunSpec spec) {
        return runDir.resolve(spec.source() + SUFFIX);
    }

    static RunResult read(Path runDir, RunSpec spec) throws InputException {
        Path path = file(runDir, spec);
        if (!Files.isRegularFile(path)) {
            throw new InputException(path, "missing (the load runner's result of " + spec.describe()
                    + ", runs.tsv line " + spec.line() + ")");
        }
        PropertiesFile file = PropertiesFile.load(path);
        long requests = nonNegative(file, "requests");
        nonNegative(file, "responses");
        long errors = nonNegative(file, "errors");
        long blockedMs = file.get("blockedMs").isPresent() ? nonNegative(file, "blockedMs") : 0;
        double seconds = file.requireDouble("seconds");
        if (seconds < 0 || (seconds == 0 && requests > 0)) {
            throw file.malformed("seconds", file.require("seconds"), "a duration above 0");
        }
        Histogram nanos = decode(file);
        double requestsPerSecond = seconds == 0 ? 0 : requests / seconds;
        return new RunResult(spec, requests, errors, blockedMs, requestsPerSecond * spec.units(),
                requestsPerSecond, LatencySummary.ofNanos(nanos));
    }

    /** Inverse of Histogram.encodeIntoCompressedByteBuffer plus base64, as the load runner writes it. */
    static Histogram decode(PropertiesFile file) throws InputException {
        String encoded = file.require("histogram");
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.replaceAll("\\s", ""));
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (RuntimeException | DataFormatException e) {
            // HdrHistogram reports a corrupt buffer with assorted runtime exceptions (bad cookie,
            // buffer underflow, index out of bounds): all mean the same thing here.
            throw new InputException(file.path(), file.lineOf("histogram"),
                    "histogram is not a base64 compressed HdrHistogram (" + e + ")");
        }
    }

    private static long nonNegative(PropertiesFile file, String key) throws InputException {
        long value = file.requireLong(key);
        if (value < 0) {
            throw file.malformed(key, Long.toString(value), "a count >= 0");
        }
        return value;
    }
}
