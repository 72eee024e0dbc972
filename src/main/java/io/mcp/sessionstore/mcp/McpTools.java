package io.mcp.sessionstore.mcp;

import java.time.Duration;
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
import io.mcp.sessionstore.health.SessionStats;
import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SessionRepository;
import io.mcp.sessionstore.session.SessionView;
import io.smallrye.mutiny.Uni;

/**
 * The two tools. session_health_check runs its checks one after another and reports each as a
 * progress notification when the caller sent a progress token, so its stream has several events.
 */
@ApplicationScoped
public class McpTools {

    static final String HEALTH_CHECK = "session_health_check";
    static final String SESSION_INFO = "session_info";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    /** A tool's outcome: the notifications it sent on the way, then its result. */
    record Outcome(List<ObjectNode> notifications, ObjectNode result, boolean ok) {
    }

    private final SessionStats stats;
    private final SessionRepository sessions;
    private final EventService events;
    private final CleanupStatus cleanup;
    private final ObjectMapper json;

    public McpTools(SessionStats stats, SessionRepository sessions, EventService events, CleanupStatus cleanup,
            ObjectMapper json) {
        this.stats = stats;
        this.sessions = sessions;
        this.events = events;
        this.cleanup = cleanup;
        this.json = json;
    }

    ArrayNode definitions() {
        ArrayNode tools = json.createArrayNode();
        tools.add(definition(HEALTH_CHECK, "Session store health",
                "Checks the session store: database connectivity, this session's status, session counts, a storage "
                        + "round trip, this session's recent stream events, cleanup, and recommendations. Sends one "
                        + "progress notification per check when the request has a progress token."));
        tools.add(definition(SESSION_INFO, "This session",
                "This MCP session's record: metrics, recent tool calls, expiry."));
        return tools;
    }

    /** Null session: the stateless protocol, where there is no session to report on. */
    Uni<Outcome> call(String name, SessionView session, JsonNode progressToken) {
        return switch (name) {
            case HEALTH_CHECK -> healthCheck(session, progressToken);
            case SESSION_INFO -> Uni.createFrom().item(session == null
                    ? new Outcome(List.of(), textResult(json.createObjectNode().put("error",
                            "no session: protocol 2026-07-28 is stateless"), true), false)
                    : new Outcome(List.of(), textResult(json.valueToTree(session), false), true));
            default -> throw new IllegalArgumentException(name);
        };
    }

    boolean exists(String name) {
        return HEALTH_CHECK.equals(name) || SESSION_INFO.equals(name);
    }

    private Uni<Outcome> healthCheck(SessionView session, JsonNode progressToken) {
        ObjectNode report = json.createObjectNode().put("store", "postgresql");
        List<ObjectNode> progress = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();
        int total = 5;
        return stats.counts(CHECK_TIMEOUT)
                .map(counts -> {
                    report.put("database", "connected").put("total_sessions", counts.total())
                            .put("active_sessions", counts.active()).put("expired_sessions", counts.expired());
                    if (counts.expired() > Math.max(100, counts.active() / 5) && !"aggressive".equals(cleanup.snapshot().mode())) {
                        recommendations.add("expired sessions are piling up: set MCP_AGGRESSIVE_CLEANUP=true");
                    }
                    return counts;
                })
                .onFailure().recoverWithItem(failure -> {
                    report.put("database", "disconnected");
                    recommendations.add("the database cannot be reached: check DATABASE_URL and the database");
                    return null;
                })
                .invoke(() -> progress.add(progress(progressToken, 1, total, "database and session counts")))
                .chain(() -> {
                    ObjectNode own = report.putObject("session");
                    if (session != null) {
                        own.put("id", session.id()).put("status", "active").put("initialized", session.initialized())
                                .put("expires_at", session.expiresAt().toString());
                    } else {
                        own.put("status", "none (stateless protocol)");
                    }
                    progress.add(progress(progressToken, 2, total, "this session"));
                    return roundTrip(report);
                })
                .invoke(() -> progress.add(progress(progressToken, 3, total, "storage round trip")))
                .chain(() -> recentEvents(session, report))
                .invoke(() -> progress.add(progress(progressToken, 4, total, "recent events")))
                .map(ignored -> {
                    CleanupStatus.Snapshot snapshot = cleanup.snapshot();
                    ObjectNode cleanupNode = report.putObject("cleanup").put("mode", snapshot.mode());
                    cleanupNode.put("last_run", snapshot.lastRun() == null ? null : snapshot.lastRun().toString());
                    cleanupNode.put("last_deleted", snapshot.lastDeleted());
                    cleanupNode.put("last_error", snapshot.lastError());
                    if (snapshot.lastError() != null) {
                        recommendations.add("the last cleanup pass failed: see session_cleanup_task_failed in the log");
                    }
                    if (recommendations.isEmpty()) {
                        recommendations.add("no action needed");
                    }
                    ArrayNode list = report.putArray("recommendations");
                    recommendations.forEach(list::add);
                    report.put("timestamp", Instant.now().toString());
                    progress.add(progress(progressToken, 5, total, "cleanup and recommendations"));
                    boolean healthy = "connected".equals(report.path("database").asText())
                            && report.path("round_trip").path("ok").asBoolean();
                    report.put("status", healthy ? "healthy" : "unhealthy");
                    return new Outcome(progressToken == null ? List.of() : progress, textResult(report, !healthy), healthy);
                });
    }

    /** Write, read and delete a throwaway session: the storage path every MCP request depends on. */
    private Uni<Void> roundTrip(ObjectNode report) {
        String probeId = "health-check-" + SessionId.generate();
        long started = System.nanoTime();
        ObjectNode result = report.putObject("round_trip");
        return sessions.upsert(probeId, SessionFields.empty(), SessionFields.MIN_TTL_SECONDS, false)
                .chain(() -> sessions.findLive(probeId))
                .chain(read -> sessions.deleteLive(probeId, null).map(deleted -> read != null && deleted != null))
                .map(ok -> result.put("ok", ok).put("write_read_delete_ms", (System.nanoTime() - started) / 1_000_000))
                .onFailure().recoverWithItem(failure -> result.put("ok", false).put("error", "storage round trip failed"))
                .replaceWithVoid();
    }

    private Uni<Void> recentEvents(SessionView session, ObjectNode report) {
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        return events.recent(session.id(), 10)
                .map(recent -> report.set("recent_events", json.valueToTree(recent)))
                .onFailure().recoverWithItem(failure -> report.put("recent_events", "unavailable"))
                .replaceWithVoid();
    }

    private ObjectNode progress(JsonNode token, int done, int total, String message) {
        ObjectNode params = json.createObjectNode();
        params.set("progressToken", token);
        params.put("progress", done).put("total", total).put("message", message);
        return JsonRpc.notification("notifications/progress", params);
    }

    private ObjectNode textResult(JsonNode structured, boolean isError) {
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", structured.toPrettyString());
        result.set("structuredContent", structured);
        result.put("isError", isError);
        return result;
    }

    private ObjectNode definition(String name, String title, String description) {
        ObjectNode tool = json.createObjectNode().put("name", name).put("title", title).put("description", description);
        tool.putObject("inputSchema").put("type", "object").putObject("properties");
        return tool;
    }
}
