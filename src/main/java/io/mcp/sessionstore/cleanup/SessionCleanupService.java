package io.mcp.sessionstore.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.ExpiredUpstreamLinks;
import io.mcp.sessionstore.common.LogSafe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One cleanup pass: batches of {@link CleanupRepository#DELETE_EXPIRED_BATCH} until a batch comes
 * back short (nothing left that no one else holds) or the service is stopping, with a pause after
 * each full batch in proportion to its duration ({@link CleanupConfig#pauseRatio()}). A pass never fails:
 * its failure is logged, counted and reported, and the next tick tries again.
 */
// created at start, not at first use: its meters are in /q/metrics from the first scrape
@Startup
@ApplicationScoped
public class SessionCleanupService {

    private static final Logger LOG = Logger.getLogger(SessionCleanupService.class);

    /** The outcome of one pass; {@code error} is null when it succeeded. */
    public record PassResult(long deleted, Duration duration, String error) {
    }

    private final CleanupRepository repository;
    private final Event<ExpiredUpstreamLinks> expiredLinks;
    private final CleanupConfig config;
    private final CleanupStatus status;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
    private final Counter deletedCounter;
    private final Counter failureCounter;
    private final Timer passTimer;

    SessionCleanupService(CleanupRepository repository, CleanupConfig config, CleanupStatus status,
            MeterRegistry registry, Event<ExpiredUpstreamLinks> expiredLinks) {
        this.repository = repository;
        this.expiredLinks = expiredLinks;
        this.config = config;
        this.status = status;
        this.deletedCounter = Counter.builder("mcp.sessions.cleanup.deleted")
                .description("Expired sessions deleted by cleanup passes").register(registry);
        this.failureCounter = Counter.builder("mcp.sessions.cleanup.failures")
                .description("Cleanup passes that failed").register(registry);
        this.passTimer = Timer.builder("mcp.sessions.cleanup.duration")
                .description("Duration of cleanup passes").register(registry);
        registry.gauge("mcp.sessions.cleanup.last.success", lastSuccessEpochSeconds, AtomicLong::doubleValue);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.set(true);
    }

    /** Runs one pass; passes running at once (on one replica or several) share the work. */
    public Uni<PassResult> runPass(String trigger) {
        long started = System.nanoTime();
        int graceSeconds = (int) config.grace().toSeconds();
        int batchSize = config.batchSize();
        return Multi.createBy().repeating()
                .uni(() -> pacedBatch(graceSeconds, batchSize))
                .whilst(deleted -> deleted == batchSize && !stopping.get())
                .collect().with(java.util.stream.Collectors.summingLong(Integer::longValue))
                .map(deleted -> succeeded(trigger, deleted, started))
                .onFailure().recoverWithItem(failure -> failed(trigger, failure, started));
    }

    private Uni<Integer> pacedBatch(int graceSeconds, int batchSize) {
        long started = System.nanoTime();
        return repository.deleteExpiredBatch(graceSeconds, batchSize).invoke(batch -> {
            if (!batch.links().isEmpty()) {
                expiredLinks.fireAsync(new ExpiredUpstreamLinks(batch.links())); // the gateway ends those upstream sessions
            }
        }).map(CleanupRepository.Batch::deleted).call(deleted -> {
            Duration pause = pauseAfter(deleted, batchSize, Duration.ofNanos(System.nanoTime() - started),
                    config.pauseRatio());
            return pause.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        });
    }

    /** No pause after a short batch: it was the pass's last. */
    static Duration pauseAfter(int deleted, int batchSize, Duration batchTook, double pauseRatio) {
        if (deleted < batchSize || pauseRatio <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (batchTook.toNanos() * pauseRatio));
    }

    private PassResult succeeded(String trigger, long deleted, long started) {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        Instant now = Instant.now();
        deletedCounter.increment(deleted);
        passTimer.record(duration.toNanos(), TimeUnit.NANOSECONDS);
        lastSuccessEpochSeconds.set(now.getEpochSecond());
        status.succeeded(now, deleted, duration);
        LOG.infof("MCP session cleanup: deleted %d expired sessions in %d ms (trigger=%s)", deleted,
                duration.toMillis(), trigger);
        return new PassResult(deleted, duration, null);
    }

    private PassResult failed(String trigger, Throwable failure, long started) {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        String reason = LogSafe.reason(failure);
        failureCounter.increment();
        passTimer.record(duration.toNanos(), TimeUnit.NANOSECONDS);
        status.failed(Instant.now(), reason, duration);
        LOG.errorf("session_cleanup_task_failed trigger=%s duration_ms=%d reason=\"%s\"", trigger,
                duration.toMillis(), reason);
        return new PassResult(0, duration, reason);
    }
}
