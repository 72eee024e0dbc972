package io.mcp.sessionstore.bench.report;

/** The load model of a run. */
enum Load {
    /** Closed model: N connections back to back; measures peak throughput. */
    PEAK,
    /** Open model at a constant arrival rate of half the peak; measures latency. */
    HALF;

    String key() {
        return EnumKeys.key(this);
    }

    static Load ofKey(String key) {
        return EnumKeys.of(Load.class, key);
    }
}
