package io.mcp.sessionstore.cleanup;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;

/**
 * Schedules the passes: the regular job always, the aggressive job only with
 * MCP_AGGRESSIVE_CLEANUP=true. Both start after the initial delay, so a restarted service cleans at
 * once. Replicas need no coordination: passes skip each other's rows.
 */
@ApplicationScoped
public class SessionCleanupJob {

    public static final String REGULAR_JOB = "session-cleanup";
    public static final String AGGRESSIVE_JOB = "session-cleanup-aggressive";
    private static final Logger LOG = Logger.getLogger(SessionCleanupJob.class);

    private final Scheduler scheduler;
    private final SessionCleanupService cleanup;
    private final CleanupConfig config;
    private final CleanupStatus status;
    /** The regular and the aggressive job never overlap in one process; replicas need no such guard. */
    private final AtomicBoolean passRunning = new AtomicBoolean();

    public SessionCleanupJob(Scheduler scheduler, SessionCleanupService cleanup, CleanupConfig config,
            CleanupStatus status) {
        this.scheduler = scheduler;
        this.cleanup = cleanup;
        this.config = config;
        this.status = status;
    }

    void onStart(@Observes StartupEvent event) {
        checkRanges(config);
        schedule(REGULAR_JOB, config.interval(), "regular");
        if (config.aggressive()) {
            schedule(AGGRESSIVE_JOB, config.aggressiveInterval(), "aggressive");
        }
        String mode = config.aggressive() ? "aggressive" : "standard";
        status.mode(mode);
        LOG.infof("MCP session cleanup scheduler started (mode=%s, interval=%s, aggressive_interval=%s, "
                + "batch_size=%d, grace=%s, first_pass_in=%s, pause_ratio=%s)", mode, config.interval(),
                config.aggressive() ? config.aggressiveInterval() : "off", config.batchSize(), config.grace(),
                config.initialDelay(), config.pauseRatio());
    }

    /** Fails the start, naming the variable, on a value no pass can run with. */
    static void checkRanges(CleanupConfig config) {
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("SESSION_CLEANUP_BATCH_SIZE (cleanup.batch-size) must be at least 1, not "
                    + config.batchSize());
        }
        if (!(config.pauseRatio() >= 0) || Double.isInfinite(config.pauseRatio())) {
            throw new IllegalArgumentException("SESSION_CLEANUP_PAUSE_RATIO (cleanup.pause-ratio) must be a finite number"
                    + " of at least 0, not " + config.pauseRatio());
        }
    }

    private Uni<Void> runUnlessRunning(String trigger) {
        if (!passRunning.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return cleanup.runPass(trigger).replaceWithVoid().eventually(() -> passRunning.set(false));
    }

    private void schedule(String identity, java.time.Duration every, String trigger) {
        scheduler.newJob(identity)
                .setInterval(every.toString())
                .setDelayed(config.initialDelay().toString())
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> runUnlessRunning(trigger))
                .schedule();
    }
}
