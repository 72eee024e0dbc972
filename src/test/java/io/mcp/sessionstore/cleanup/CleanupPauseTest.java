package io.mcp.sessionstore.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CleanupPauseTest {

    private static final Duration BATCH_TOOK = Duration.ofMillis(40);

    @Test
    void pauseWhenBatchFullThenBatchDurationTimesRatio() {
        assertEquals(Duration.ofMillis(40), SessionCleanupService.pauseAfter(5000, 5000, BATCH_TOOK, 1));
        assertEquals(Duration.ofMillis(20), SessionCleanupService.pauseAfter(5000, 5000, BATCH_TOOK, 0.5));
    }

    @Test
    void pauseWhenBatchShortThenNone() {
        assertEquals(Duration.ZERO, SessionCleanupService.pauseAfter(4999, 5000, BATCH_TOOK, 1));
    }

    @Test
    void pauseWhenRatioZeroThenNone() {
        assertEquals(Duration.ZERO, SessionCleanupService.pauseAfter(5000, 5000, BATCH_TOOK, 0));
    }
}
