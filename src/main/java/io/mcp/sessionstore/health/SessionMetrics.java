package io.mcp.sessionstore.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The active-sessions gauge. A scrape never waits for the database: it reads the last count and,
 * when that is older than SESSION_METRICS_INTERVAL, starts one recount in the background. So the
 * database is counted at most once per interval, and not at all while nobody scrapes.
 */
@ApplicationScoped
public class SessionMetrics {

    private final SessionStats stats;
    private final HealthConfig config;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile SessionStats.Counts latest;
    private volatile Instant countedAt = Instant.EPOCH;

    public SessionMetrics(SessionStats stats, HealthConfig config, MeterRegistry registry) {
        this.stats = stats;
        this.config = config;
        Gauge.builder("mcp.sessions.active", this, SessionMetrics::activeForScrape)
                .description("Live (unexpired) sessions, recounted at most once per SESSION_METRICS_INTERVAL")
                .register(registry);
        Gauge.builder("mcp.sessions.expired", this, metrics -> metrics.latest == null ? Double.NaN : metrics.latest.expired())
                .description("Expired sessions not yet removed by cleanup, as of the last count")
                .register(registry);
    }

    public void update(SessionStats.Counts counts) {
        latest = counts;
        countedAt = Instant.now();
    }

    double activeForScrape() {
        if (countedAt.plus(config.metricsInterval()).isBefore(Instant.now()) && refreshing.compareAndSet(false, true)) {
            stats.counts(config.dbTimeout())
                    .eventually(() -> refreshing.set(false))
                    .subscribe().with(this::update, failure -> { /* the gauge keeps its last value */ });
        }
        SessionStats.Counts counts = latest;
        return counts == null ? Double.NaN : counts.active();
    }
}
