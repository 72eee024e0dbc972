package io.mcp.sessionstore.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The session counts as gauges and for the MCP health tool, counted at most once per
 * SESSION_METRICS_INTERVAL: a scrape never waits for the database (it reads the last count and,
 * when that is stale, starts one recount in the background), and nothing counts while nobody asks.
 */
// created at start, not at first use: its meters are in /q/metrics from the first scrape
@Startup
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

    /** The last count when it is fresh, else a new one (which becomes the last). */
    public Uni<SessionStats.Counts> recentCounts() {
        SessionStats.Counts counts = latest;
        if (counts != null && !stale()) {
            return Uni.createFrom().item(counts);
        }
        return stats.counts(config.dbTimeout()).invoke(this::update);
    }

    double activeForScrape() {
        if (stale() && refreshing.compareAndSet(false, true)) {
            stats.counts(config.dbTimeout())
                    .eventually(() -> refreshing.set(false))
                    .subscribe().with(this::update, failure -> { /* the gauge keeps its last value */ });
        }
        SessionStats.Counts counts = latest;
        return counts == null ? Double.NaN : counts.active();
    }

    private boolean stale() {
        return countedAt.plus(config.metricsInterval()).isBefore(Instant.now());
    }
}
