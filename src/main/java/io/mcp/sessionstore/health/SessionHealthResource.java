package io.mcp.sessionstore.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.mcp.sessionstore.cleanup.CleanupStatus;
import io.mcp.sessionstore.common.GatewayMeters;
import io.mcp.sessionstore.gateway.UpstreamStatus;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * GET /session-health (API key required): "healthy", "degraded" (database reachable but the last
 * cleanup pass failed) or, with 503 and Retry-After, "unhealthy" when the database cannot be reached
 * or does not answer within HEALTH_DB_TIMEOUT.
 */
@Path("/session-health")
@Tag(name = "health")
@Produces(MediaType.APPLICATION_JSON)
public class SessionHealthResource {

    private final SessionStats stats;
    private final CleanupStatus cleanupStatus;
    private final SessionMetrics metrics;
    private final HealthConfig config;
    private final MeterRegistry registry;
    private final UpstreamStatus upstreamStatus;

    public SessionHealthResource(SessionStats stats, CleanupStatus cleanupStatus, SessionMetrics metrics,
            HealthConfig config, MeterRegistry registry, UpstreamStatus upstreamStatus) {
        this.stats = stats;
        this.cleanupStatus = cleanupStatus;
        this.metrics = metrics;
        this.config = config;
        this.registry = registry;
        this.upstreamStatus = upstreamStatus;
    }

    @GET
    public Uni<RestResponse<SessionHealthReport>> report() {
        return stats.counts(config.dbTimeout())
                .invoke(metrics::update)
                .chain(counts -> stats.upstreams(config.dbTimeout()).map(upstreams -> RestResponse.ok(new SessionHealthReport(
                        cleanupStatus.snapshot().consecutiveFailures() > 0 ? "degraded" : "healthy", "connected",
                        counts.total(), counts.active(), counts.expired(), Instant.now(), SessionHealthReport.STORE,
                        cleanup(), upstreams(upstreams)))))
                .onFailure().recoverWithItem(failure -> RestResponse.ResponseBuilder
                        .create(RestResponse.Status.SERVICE_UNAVAILABLE, new SessionHealthReport("unhealthy",
                                "disconnected", null, null, null, Instant.now(), SessionHealthReport.STORE, cleanup(),
                                null))
                        .header(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS).build());
    }

    /**
     * Every configured upstream, in configuration order, then the server ids of gateway sessions whose
     * upstream is no longer configured (their sessions are still in the store).
     */
    private List<SessionHealthReport.Upstream> upstreams(List<SessionStats.UpstreamCounts> counted) {
        Map<String, SessionStats.UpstreamCounts> byId = new LinkedHashMap<>();
        counted.forEach(counts -> byId.put(counts.id(), counts));
        List<SessionHealthReport.Upstream> upstreams = new ArrayList<>();
        for (UpstreamStatus.State state : upstreamStatus.upstreams()) {
            SessionStats.UpstreamCounts counts = byId.remove(state.id());
            upstreams.add(upstream(state, counts == null ? new SessionStats.UpstreamCounts(state.id(), 0, 0) : counts));
        }
        byId.values().forEach(counts -> upstreams.add(upstream(
                new UpstreamStatus.State(counts.id(), null, "not-configured", null, null), counts)));
        return upstreams;
    }

    /** The store's figures of one upstream, with this replica's calls to it (from the gateway's timers). */
    private SessionHealthReport.Upstream upstream(UpstreamStatus.State state, SessionStats.UpstreamCounts counts) {
        long calls = 0;
        long failed = 0;
        double totalMs = 0;
        double maxMs = 0;
        for (Timer timer : registry.find(GatewayMeters.UPSTREAM_CALLS).tag(GatewayMeters.UPSTREAM_TAG, counts.id()).timers()) {
            calls += timer.count();
            if (!GatewayMeters.OK.equals(timer.getId().getTag(GatewayMeters.OUTCOME_TAG))) {
                failed += timer.count();
            }
            totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
            maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
        }
        double meanMs = calls == 0 ? 0 : Math.round(totalMs / calls * 10) / 10.0;
        return new SessionHealthReport.Upstream(counts.id(), state.transport(), state.state(), state.lastCallAt(),
                state.lastFailureAt(), counts.activeSessions(), counts.reinitializations(), calls, failed, meanMs,
                Math.round(maxMs * 10) / 10.0);
    }

    private SessionHealthReport.Cleanup cleanup() {
        CleanupStatus.Snapshot snapshot = cleanupStatus.snapshot();
        return new SessionHealthReport.Cleanup(snapshot.mode(), snapshot.lastRun(), snapshot.lastDeleted(),
                snapshot.lastError(), snapshot.consecutiveFailures(), cleanupStatus.recentPasses().stream()
                        .map(pass -> new SessionHealthReport.Pass(pass.at(), pass.deleted(), pass.durationMs(), pass.error()))
                        .toList());
    }
}
