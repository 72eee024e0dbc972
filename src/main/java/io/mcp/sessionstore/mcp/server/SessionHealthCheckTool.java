package io.mcp.sessionstore.mcp.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.cleanup.CleanupStatus;
import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.health.SessionMetrics;
import io.mcp.sessionstore.session.Precondition;
import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.SessionView;
import io.smallrye.mutiny.Uni;

/**
 * session_health_check: its checks one after another, each reported as a progress notification
 * when the caller sent a progress token. The session counts are the cached ones of the metrics
 * (recounted at most once per SESSION_METRICS_INTERVAL), not a scan per call.
 */
@ApplicationScoped
public class SessionHealthCheckTool implements McpTool {

    private static final int CHECKS = 5;
    private static final int RECENT_EVENTS = 10;

    private final SessionMetrics counts;
    private final SessionService sessions;
    private final EventService events;
    private final CleanupStatus cleanup;
    private final ObjectMapper json;

    public SessionHealthCheckTool(SessionMetrics counts, SessionService sessions, EventService events,
            CleanupStatus cleanup, ObjectMapper json) {
        this.counts = counts;
        this.sessions = sessions;
        this.events = events;
        this.cleanup = cleanup;
        this.json = json;
    }

    @Override
    public String name() {
        return "session_health_check";
    }

    @Override
    public ObjectNode definition() {
        return ToolResults.definition(name(), "Session store health",
                "Checks the session store: database connectivity, this session's status, session counts, a storage "
                        + "round trip, this session's recent stream events, cleanup, and recommendations. Sends one "
                        + "progress notification per check when the request has a progress token.");
    }

    @Override
    public Uni<Outcome> call(Call call) {
        ObjectNode report = json.createObjectNode().put("store", "postgresql");
        List<ObjectNode> progress = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();
        JsonNode token = call.progressToken();
        return counts.recentCounts()
                .map(found -> {
                    report.put("database", "connected").put("total_sessions", found.total())
                            .put("active_sessions", found.active()).put("expired_sessions", found.expired());
                    if (found.expired() > Math.max(100, found.active() / 5) && !"aggressive".equals(cleanup.snapshot().mode())) {
                        recommendations.add("expired sessions are piling up: set MCP_AGGRESSIVE_CLEANUP=true");
                    }
                    return found;
                })
                .onFailure().recoverWithItem(failure -> {
                    report.put("database", "disconnected");
                    recommendations.add("the database cannot be reached: check DATABASE_URL and the database");
                    return null;
                })
                .invoke(() -> progress.add(ToolResults.progress(token, 1, CHECKS, "database and session counts")))
                .chain(() -> {
                    ownSession(call.session(), report.putObject("session"));
                    progress.add(ToolResults.progress(token, 2, CHECKS, "this session"));
                    return roundTrip(report.putObject("round_trip"));
                })
                .invoke(() -> progress.add(ToolResults.progress(token, 3, CHECKS, "storage round trip")))
                .chain(() -> recentEvents(call.session(), report))
                .invoke(() -> progress.add(ToolResults.progress(token, 4, CHECKS, "recent events")))
                .map(ignored -> {
                    cleanupReport(report, recommendations);
                    progress.add(ToolResults.progress(token, 5, CHECKS, "cleanup and recommendations"));
                    boolean healthy = "connected".equals(report.path("database").asText())
                            && report.path("round_trip").path("ok").asBoolean();
                    report.put("status", healthy ? "healthy" : "unhealthy");
                    return new Outcome(token == null ? List.of() : progress, ToolResults.structured(report, !healthy),
                            healthy);
                });
    }

    private static void ownSession(SessionView session, ObjectNode own) {
        if (session == null) {
            own.put("status", "none (stateless protocol)");
            return;
        }
        own.put("id", session.id()).put("status", "active").put("initialized", session.initialized())
                .put("expires_at", session.expiresAt().toString());
    }

    /** Write, read and delete a throwaway session: the storage path every MCP request depends on. */
    private Uni<Void> roundTrip(ObjectNode result) {
        String probeId = "health-check-" + SessionId.generate();
        SessionFields probe = new SessionFields(null, null, null, null, null, null, null, null, null,
                SessionFields.MIN_TTL_SECONDS);
        long started = System.nanoTime();
        return sessions.put(probeId, probe, Precondition.parse(null, "*"))
                .chain(() -> sessions.get(probeId))
                .chain(() -> sessions.delete(probeId, Precondition.parse(null, null)))
                .map(ignored -> result.put("ok", true).put("write_read_delete_ms", (System.nanoTime() - started) / 1_000_000))
                .onFailure().recoverWithItem(failure -> result.put("ok", false).put("error", "storage round trip failed"))
                .replaceWithVoid();
    }

    private Uni<Void> recentEvents(SessionView session, ObjectNode report) {
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        return events.recent(session.id(), RECENT_EVENTS)
                .map(recent -> report.set("recent_events", json.valueToTree(recent)))
                .onFailure().recoverWithItem(failure -> report.put("recent_events", "unavailable"))
                .replaceWithVoid();
    }

    private void cleanupReport(ObjectNode report, List<String> recommendations) {
        CleanupStatus.Snapshot snapshot = cleanup.snapshot();
        ObjectNode node = report.putObject("cleanup").put("mode", snapshot.mode());
        node.put("last_run", snapshot.lastRun() == null ? null : snapshot.lastRun().toString());
        node.put("last_deleted", snapshot.lastDeleted());
        node.put("last_error", snapshot.lastError());
        if (snapshot.lastError() != null) {
            recommendations.add("the last cleanup pass failed: see session_cleanup_task_failed in the log");
        }
        if (recommendations.isEmpty()) {
            recommendations.add("no action needed");
        }
        ArrayNode list = report.putArray("recommendations");
        recommendations.forEach(list::add);
        report.put("timestamp", Instant.now().toString());
    }
}
