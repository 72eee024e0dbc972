package io.mcp.sessionstore.bench.report;

import org.HdrHistogram.Histogram;

/**
 * The latency figures of one run, in milliseconds, read from a histogram of nanoseconds. A run without
 * recorded latencies has count 0 and the report prints "-" for it.
 */
record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    static LatencySummary ofNanos(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(nanos.getTotalCount(),
                nanos.getValueAtPercentile(50.0) / NANOS_PER_MILLI,
                nanos.getValueAtPercentile(99.0) / NANOS_PER_MILLI,
                nanos.getValueAtPercentile(99.9) / NANOS_PER_MILLI,
                nanos.getMaxValue() / NANOS_PER_MILLI);
    }

    boolean present() {
        return count > 0;
    }
}
