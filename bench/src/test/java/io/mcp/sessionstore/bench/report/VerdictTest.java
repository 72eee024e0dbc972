package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Target RATIO = new Target("ratio", Bound.AT_LEAST, 1.0, Quantity.RATIO);
    private static final Target P99 = new Target("p99", Bound.AT_MOST, 5.0, Quantity.MILLISECONDS);
    private static final Target STARTUP = new Target("start-up", Bound.BELOW, 2000, Quantity.WHOLE_MILLISECONDS);

    @Test
    void aRatioAboveItsTargetIsMetWithTheMarginRelativeToTheTarget() {
        Verdict verdict = Verdict.judge(Optional.of(1.12), RATIO);

        assertEquals(Verdict.Outcome.MET, verdict.outcome());
        assertEquals(12.0, verdict.marginPercent(), 1e-9);
        assertEquals("met (margin 12%)", verdict.markdown());
    }

    @Test
    void aRatioBelowItsTargetIsMissedByHowMuch() {
        Verdict verdict = Verdict.judge(Optional.of(0.92), RATIO);

        assertEquals(Verdict.Outcome.MISSED, verdict.outcome());
        assertEquals("**missed** (by 8.0%)", verdict.markdown());
        assertEquals("MISSED (by 8.0%)", verdict.plain());
    }

    @Test
    void aLatencyBelowItsCeilingIsMet() {
        assertEquals("met (margin 36%)", Verdict.judge(Optional.of(3.2), P99).markdown());
        assertEquals("**missed** (by 20%)", Verdict.judge(Optional.of(6.0), P99).markdown());
        assertEquals(Verdict.Outcome.MET, Verdict.judge(Optional.of(5.0), P99).outcome(), "<= includes the ceiling");
    }

    @Test
    void aStrictBoundIsMissedAtTheThreshold() {
        assertEquals(Verdict.Outcome.MISSED, Verdict.judge(Optional.of(2000.0), STARTUP).outcome());
        assertEquals(Verdict.Outcome.MET, Verdict.judge(Optional.of(1999.0), STARTUP).outcome());
    }

    @Test
    void anAbsentFigureOrThresholdHasNoVerdict() {
        assertEquals(Verdict.ABSENT, Verdict.judge(Optional.empty(), RATIO));
        assertEquals("-", Verdict.judge(Optional.empty(), RATIO).markdown());
        assertEquals(Verdict.ABSENT, Verdict.judge(Optional.of(100.0), Targets.rssPeak(Optional.empty())));
        assertEquals("-", Targets.rssPeak(Optional.empty()).thresholdText());
    }

    @Test
    void thresholdsAreWrittenWithTheirUnit() {
        assertEquals(">= 1.00x", RATIO.thresholdText());
        assertEquals("<= 5.00 ms", P99.thresholdText());
        assertEquals("< 2000 ms", STARTUP.thresholdText());
        assertEquals("<= 512.0 MiB", Targets.rssPeak(Optional.of(512.0)).thresholdText());
    }
}
