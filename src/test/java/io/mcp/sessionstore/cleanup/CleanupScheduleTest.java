package io.mcp.sessionstore.cleanup;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CleanupScheduleTest {

    @Inject
    Scheduler scheduler;

    @Inject
    CleanupStatus status;

    @Test
    void scheduleWhenAggressiveOffThenOnlyRegularJob() {
        assertNotNull(scheduler.getScheduledJob(SessionCleanupJob.REGULAR_JOB));
        assertNull(scheduler.getScheduledJob(SessionCleanupJob.AGGRESSIVE_JOB));
        org.junit.jupiter.api.Assertions.assertEquals("standard", status.snapshot().mode());
    }
}
