package io.mcp.sessionstore.mcp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.events.AppendRequest;
import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.session.ActivityRequest;
import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SessionMapper;
import io.mcp.sessionstore.session.SessionRepository;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.SessionView;
import io.smallrye.mutiny.Uni;

/**
 * MCP over the session and event stores. A session is a row; every event of every response stream
 * is stored before it is sent, so any replica can resume any stream. Nothing is kept in memory.
 */
@ApplicationScoped
public class McpService {

    private static final long TOOL_LIST_TTL_MS = 3_600_000;

    private final SessionRepository sessions;
    private final SessionService sessionService;
    private final SessionMapper mapper;
    private final EventService events;
    private final McpTools tools;
    private final McpConfig config;

    public McpService(SessionRepository sessions, SessionService sessionService, SessionMapper mapper,
            EventService events, McpTools tools, McpConfig config) {
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.mapper = mapper;
        this.events = events;
        this.tools = tools;
        this.config = config;
    }

    /** initialize: a new session owned by the caller's key, answered on a stored stream. */
    public Uni<McpReply> initialize(JsonNode request, String owner, String userAgent) {
        JsonNode params = request.path("params");
        String version = McpProtocol.negotiate(params.path("protocolVersion").asText(null));
        SessionFields fields = new SessionFields(null, truncate(userAgent, 1024), "streamable-http", null, version, false,
                objectOrNull(params.get("capabilities")), objectOrNull(params.get("clientInfo")), null, null);
        ObjectNode result = JsonRpc.object().put("protocolVersion", version);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", McpProtocol.SERVER_NAME).put("version", McpProtocol.SERVER_VERSION);
        result.put("instructions", "Sessions of this server live in PostgreSQL: they survive restarts and work on any replica.");
        String sessionId = SessionId.generate();
        return sessions.upsert(sessionId, fields, sessionService.defaultTtl(), false, owner)
                .chain(row -> sessionService.recordActivity(sessionId, ActivityRequest.ONE_REQUEST))
                .chain(() -> stream(sessionId, version, List.of(JsonRpc.result(request.get("id"), result))))
                .map(reply -> new McpReply.Stream(sessionId, reply.events(), reply.retryMillis()));
    }

    /** Any other message of a session. Null: no live session of this key has the id (404). */
    public Uni<McpReply> handle(JsonNode message, String sessionId, String owner) {
        return handleBatch(List.of(message), sessionId, owner);
    }

    /**
     * Messages of one POST, in order (a 2025-03-26 batch, or one message): each is activity, and
     * the responses to its requests go out together on one stored stream; with no request, 202.
     */
    public Uni<McpReply> handleBatch(List<JsonNode> messages, String sessionId, String owner) {
        return sessions.findLiveOwned(sessionId, owner).chain(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            SessionView session = mapper.toView(row);
            List<ObjectNode> out = new ArrayList<>();
            Uni<Void> work = Uni.createFrom().voidItem();
            for (JsonNode message : messages) {
                work = work.chain(() -> take(message, session, out));
            }
            return work.chain(() -> out.isEmpty() ? Uni.createFrom().item(new McpReply.Accepted())
                    : stream(sessionId, session.protocolVersion(), out));
        });
    }

    private Uni<Void> take(JsonNode message, SessionView session, List<ObjectNode> out) {
        if (!JsonRpc.isRequest(message)) {
            Uni<?> effect = "notifications/initialized".equals(message.path("method").asText())
                    ? sessions.markInitialized(session.id()) : Uni.createFrom().voidItem();
            return effect.chain(() -> sessionService.recordActivity(session.id(), ActivityRequest.ONE_REQUEST))
                    .replaceWithVoid();
        }
        return answer(message, session).chain(answer -> {
            out.addAll(answer.messages());
            return sessionService.recordActivity(session.id(), answer.activity()).replaceWithVoid();
        });
    }

    /** The protocol without sessions (2026-07-28): one JSON answer, nothing stored. */
    public Uni<McpReply> handleStateless(JsonNode message) {
        if (!JsonRpc.isRequest(message)) {
            return Uni.createFrom().item(new McpReply.Accepted());
        }
        String method = message.path("method").asText();
        if ("server/discover".equals(method)) {
            ObjectNode result = JsonRpc.object().put("resultType", "complete");
            var versions = result.putArray("supportedVersions");
            McpProtocol.ALL_VERSIONS.forEach(versions::add);
            result.putObject("capabilities").putObject("tools").put("listChanged", false);
            result.putObject("serverInfo").put("name", McpProtocol.SERVER_NAME).put("version", McpProtocol.SERVER_VERSION);
            return Uni.createFrom().item(new McpReply.Json(200, JsonRpc.result(message.get("id"), result)));
        }
        if ("ping".equals(method) || "initialize".equals(method)) {
            return Uni.createFrom().item(new McpReply.Json(404, JsonRpc.error(message.get("id"),
                    JsonRpc.METHOD_NOT_FOUND, method + " is not part of protocol 2026-07-28 (supported: "
                            + String.join(", ", McpProtocol.ALL_VERSIONS) + "; initialize selects 2025-11-25 or earlier)")));
        }
        return answer(message, null).map(answer -> {
            ObjectNode last = answer.messages().getLast();
            if (last.has("result")) {
                ObjectNode result = (ObjectNode) last.get("result");
                result.put("resultType", "complete");
                if ("tools/list".equals(method)) {
                    // CacheableResult: the tool list never changes while the process runs; the
                    // request was authenticated, so shared intermediaries must not keep it
                    result.put("ttlMs", TOOL_LIST_TTL_MS).put("cacheScope", "private");
                }
                result.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo")
                        .put("name", McpProtocol.SERVER_NAME).put("version", McpProtocol.SERVER_VERSION);
            }
            int status = last.path("error").path("code").asInt() == JsonRpc.METHOD_NOT_FOUND ? 404 : 200;
            return new McpReply.Json(status, last);
        });
    }

    /** GET with Last-Event-ID: the rest of that stream, from the event store, on any replica. */
    public Uni<McpReply> resume(String sessionId, String owner, String lastEventId) {
        return sessions.findLiveOwned(sessionId, owner).chain(row -> row == null ? Uni.createFrom().nullItem()
                : events.replayAfter(sessionId, lastEventId, null).map(page -> new McpReply.Stream(null,
                        page.events().stream().map(e -> new McpReply.Event(e.id(), e.message())).toList(),
                        config.sseRetry().toMillis())));
    }

    /** GET without Last-Event-ID: a stream for server-initiated messages (primed, then closed: poll). */
    public Uni<McpReply> openStream(String sessionId, String owner) {
        return sessions.findLiveOwned(sessionId, owner).chain(row -> row == null ? Uni.createFrom().nullItem()
                : stream(sessionId, row.protocolVersion, List.of()));
    }

    /** DELETE: the session and its events go. Null when there was no such session of this key. */
    public Uni<Boolean> terminate(String sessionId, String owner) {
        return sessions.findLiveOwned(sessionId, owner).chain(row -> row == null ? Uni.createFrom().item(false)
                : sessions.deleteLive(sessionId, null).map(deleted -> deleted != null));
    }

    /** What a request gets: its messages (notifications, then the response) and the activity to record. */
    private record Answer(List<ObjectNode> messages, ActivityRequest activity) {
    }

    private Uni<Answer> answer(JsonNode request, SessionView session) {
        JsonNode id = request.get("id");
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        return switch (method) {
            case "ping" -> Uni.createFrom().item(ok(JsonRpc.result(id, JsonRpc.object())));
            case "tools/list" -> {
                ObjectNode result = JsonRpc.object();
                result.set("tools", tools.definitions());
                yield Uni.createFrom().item(ok(JsonRpc.result(id, result)));
            }
            case "tools/call" -> callTool(id, params, session);
            case "initialize" -> Uni.createFrom().item(failed(JsonRpc.error(id, JsonRpc.INVALID_REQUEST,
                    "this session is already initialized")));
            default -> Uni.createFrom().item(failed(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND,
                    "method not found: " + method)));
        };
    }

    private Uni<Answer> callTool(JsonNode id, JsonNode params, SessionView session) {
        String name = params.path("name").asText(null);
        if (name == null || !tools.exists(name)) {
            return Uni.createFrom().item(failed(JsonRpc.error(id, JsonRpc.INVALID_PARAMS,
                    "unknown tool: " + name + " (tools: " + McpTools.HEALTH_CHECK + ", " + McpTools.SESSION_INFO + ")")));
        }
        long started = System.nanoTime();
        JsonNode progressToken = params.path("_meta").get("progressToken");
        return tools.call(name, session, progressToken).map(outcome -> {
            List<ObjectNode> messages = new ArrayList<>(outcome.notifications());
            messages.add(JsonRpc.result(id, outcome.result()));
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            return new Answer(messages, new ActivityRequest(1L, 1L, outcome.ok() ? 0L : 1L,
                    new ActivityRequest.ToolCallInput(name, durationMs, outcome.ok())));
        });
    }

    /** Stores the stream's events (a priming event first from 2025-11-25 on) and returns them with their ids. */
    private Uni<McpReply.Stream> stream(String sessionId, String version, List<ObjectNode> messages) {
        List<JsonNode> stored = new ArrayList<>();
        boolean primed = McpProtocol.primesStreams(version);
        if (primed) {
            stored.add(null);
        }
        stored.addAll(messages);
        long retry = config.sseRetry().toMillis();
        if (stored.isEmpty()) {
            return Uni.createFrom().item(new McpReply.Stream(null, List.of(), retry));
        }
        String streamId = "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes());
        return events.append(sessionId, streamId, new AppendRequest(null, stored)).map(appended -> {
            List<McpReply.Event> sent = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                JsonNode message = stored.get(i);
                sent.add(new McpReply.Event(appended.ids().get(i), message == null ? null : message.toString()));
            }
            return new McpReply.Stream(null, sent, retry);
        });
    }

    private static Answer ok(ObjectNode response) {
        return new Answer(List.of(response), ActivityRequest.ONE_REQUEST);
    }

    private static Answer failed(ObjectNode error) {
        return new Answer(List.of(error), new ActivityRequest(1L, 0L, 1L, null));
    }

    private static ObjectNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

}
