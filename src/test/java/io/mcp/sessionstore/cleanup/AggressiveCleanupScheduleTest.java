package io.mcp.sessionstore.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** MCP_AGGRESSIVE_CLEANUP=true adds a job every 10 minutes beside the hourly one. */
@QuarkusTest
@TestProfile(AggressiveCleanupScheduleTest.Aggressive.class)
class AggressiveCleanupScheduleTest {

    public static class Aggressive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cleanup.aggressive", "true", "cleanup.initial-delay", "1s");
        }
    }

    @Inject
    Scheduler scheduler;

    @Inject
    CleanupStatus status;

    @Test
    void scheduleWhenAggressiveThenTenMinuteJobBesideHourlyJob() {
        Trigger regular = scheduler.getScheduledJob(SessionCleanupJob.REGULAR_JOB);
        Trigger aggressive = scheduler.getScheduledJob(SessionCleanupJob.AGGRESSIVE_JOB);
        assertNotNull(regular);
        assertNotNull(aggressive);
        assertEquals("aggressive", status.snapshot().mode());

        Api.await("both jobs to have fired once", Duration.ofSeconds(30),
                () -> regular.getPreviousFireTime() != null && aggressive.getPreviousFireTime() != null);
        assertEquals(Duration.ofMinutes(10),
                Duration.between(aggressive.getPreviousFireTime(), aggressive.getNextFireTime()));
        assertEquals(Duration.ofHours(1), Duration.between(regular.getPreviousFireTime(), regular.getNextFireTime()));
        Api.await("the first pass to be reported", Duration.ofSeconds(30), () -> status.snapshot().lastRun() != null);
    }
}
