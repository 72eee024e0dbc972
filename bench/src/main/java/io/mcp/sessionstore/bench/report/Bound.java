package io.mcp.sessionstore.bench.report;

/** How a figure must relate to its target's threshold. */
enum Bound {
    AT_LEAST(">="),
    AT_MOST("<="),
    BELOW("<");

    private final String symbol;

    Bound(String symbol) {
        this.symbol = symbol;
    }

    /** ASCII on purpose: the console summary must read the same on a terminal without UTF-8. */
    String symbol() {
        return symbol;
    }

    boolean holds(double value, double threshold) {
        return switch (this) {
            case AT_LEAST -> value >= threshold;
            case AT_MOST -> value <= threshold;
            case BELOW -> value < threshold;
        };
    }

    /** True when a larger figure is better (throughput), false when a smaller one is (latency, memory). */
    boolean higherIsBetter() {
        return this == AT_LEAST;
    }
}
