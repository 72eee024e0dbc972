package io.mcp.sessionstore.bench.report;

import java.util.Optional;

/** One line of the Targets table: a target with the figure of batching on (judged) and off (shown). */
record TargetRow(Target target, Optional<Double> on, Optional<Double> off) {

    /** Judged on batching on, the default configuration. */
    Verdict verdict() {
        return Verdict.judge(on, target);
    }

    String onText() {
        return on.map(target.quantity()::format).orElse(Format.ABSENT);
    }

    String offText() {
        return off.map(target.quantity()::format).orElse(Format.ABSENT);
    }
}
