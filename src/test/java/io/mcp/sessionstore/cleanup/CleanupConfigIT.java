package io.mcp.sessionstore.cleanup;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.ServiceProcess;

/** The packaged service refuses to start on a cleanup setting no pass can run with, naming the variable. */
class CleanupConfigIT {

    @Test
    void startWhenBatchSizeZeroThenFailsNamingTheVariable() {
        String log = failedStart(Map.of("SESSION_CLEANUP_BATCH_SIZE", "0"));
        assertTrue(log.contains("SESSION_CLEANUP_BATCH_SIZE (cleanup.batch-size) must be at least 1, not 0"), log);
    }

    @Test
    void startWhenPauseRatioNegativeThenFailsNamingTheVariable() {
        String log = failedStart(Map.of("SESSION_CLEANUP_PAUSE_RATIO", "-0.5"));
        assertTrue(log.contains("SESSION_CLEANUP_PAUSE_RATIO (cleanup.pause-ratio) must be a finite number of at least 0, not -0.5"),
                log);
    }

    private static String failedStart(Map<String, String> environment) {
        try (ServiceProcess service = new ServiceProcess("bad-cleanup-config", environment)) {
            AssertionError exited = assertThrows(AssertionError.class, service::start);
            assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
            return service.log();
        }
    }
}
