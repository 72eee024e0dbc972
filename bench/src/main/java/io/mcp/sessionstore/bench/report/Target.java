package io.mcp.sessionstore.bench.report;

/**
 * A goal the benchmark judges, e.g. "activity throughput ratio >= 1.00x".
 *
 * @param wording what is measured, as the Targets table names it
 * @param threshold NaN when the run did not say what it is (the memory limit comes from run.properties)
 */
record Target(String wording, Bound bound, double threshold, Quantity quantity) {

    boolean thresholdKnown() {
        return !Double.isNaN(threshold);
    }

    /** The threshold as the report writes it, e.g. ">= 1.00x" or "< 2000 ms". */
    String thresholdText() {
        return thresholdKnown() ? bound.symbol() + " " + quantity.format(threshold) : Format.ABSENT;
    }

    /** The same target for one connection count or one scenario: same threshold, more precise wording. */
    Target named(String preciseWording) {
        return new Target(preciseWording, bound, threshold, quantity);
    }
}
