package io.mcp.sessionstore.bench.report;

import java.util.Optional;

/**
 * Whether a figure meets its target, and by how much, relative to the threshold: "met (margin 12%)" is
 * 12% better than the threshold, "**missed** (by 8%)" 8% worse. ABSENT when the figure was not measured
 * (or the threshold is unknown).
 */
record Verdict(Outcome outcome, double marginPercent) {

    enum Outcome { MET, MISSED, ABSENT }

    static final Verdict ABSENT = new Verdict(Outcome.ABSENT, 0);

    static Verdict judge(Optional<Double> value, Target target) {
        if (!target.thresholdKnown()) {
            return ABSENT;
        }
        return value.map(v -> judge(v, target.bound(), target.threshold())).orElse(ABSENT);
    }

    static Verdict judge(double value, Bound bound, double threshold) {
        Outcome outcome = bound.holds(value, threshold) ? Outcome.MET : Outcome.MISSED;
        double margin = threshold == 0 ? 0 : Math.abs(value - threshold) / Math.abs(threshold) * 100;
        return new Verdict(outcome, margin);
    }

    /** For the markdown report: a miss in bold so that it stands out in the table. */
    String markdown() {
        return switch (outcome) {
            case MET -> "met (margin " + Format.percent(marginPercent) + ")";
            case MISSED -> "**missed** (by " + Format.percent(marginPercent) + ")";
            case ABSENT -> Format.ABSENT;
        };
    }

    /** For the console, where asterisks would be noise. */
    String plain() {
        return markdown().replace("**", "").replace("missed", "MISSED");
    }
}
