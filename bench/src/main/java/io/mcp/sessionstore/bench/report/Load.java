package io.mcp.sessionstore.bench.report;

/** The load model of a run. */
enum Load {
    /** Closed model: N connections back to back; measures peak throughput. */
    PEAK("peak"),
    /** Open model at a constant arrival rate of half the peak; measures latency. */
    HALF("half");

    private final String key;

    Load(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Load ofKey(String key) {
        for (Load load : values()) {
            if (load.key.equals(key)) {
                return load;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
