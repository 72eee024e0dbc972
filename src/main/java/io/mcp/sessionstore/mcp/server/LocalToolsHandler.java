package io.mcp.sessionstore.mcp.server;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.mcp.sessionstore.mcp.transport.McpHandler;
import io.mcp.sessionstore.mcp.transport.ServerInfo;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionView;
import io.mcp.sessionstore.session.ToolCall;
import io.smallrye.mutiny.Uni;

/** The local server's methods: ping, tools/list and tools/call over the {@link ToolRegistry}. */
@ApplicationScoped
public class LocalToolsHandler implements McpHandler {

    static final ServerInfo SERVER_INFO = new ServerInfo("mcp-session-store", "1.0.0");
    /** 2026-07-28 CacheableResult: the tool list never changes while the process runs. */
    private static final long TOOL_LIST_TTL_MS = 3_600_000;

    private final ToolRegistry tools;

    public LocalToolsHandler(ToolRegistry tools) {
        this.tools = tools;
    }

    @Override
    public ServerInfo serverInfo() {
        return SERVER_INFO;
    }

    @Override
    public ObjectNode capabilities() {
        ObjectNode capabilities = JsonRpc.object();
        capabilities.putObject("tools").put("listChanged", false);
        return capabilities;
    }

    @Override
    public Uni<Initialized> initialize(JsonRpcMessage.Request request, String protocolVersion, String sessionId) {
        return McpHandler.super.initialize(request, protocolVersion, sessionId).invoke(initialized -> initialized
                .result().put("instructions",
                        "Sessions of this server live in PostgreSQL: they survive restarts and work on any replica."));
    }

    @Override
    public Uni<Answer> answer(JsonRpcMessage.Request request, BoundSession bound) {
        SessionView session = bound == null ? null : bound.view();
        JsonNode id = request.id();
        return switch (request.method()) {
            case "ping" -> Uni.createFrom().item(Answer.of(JsonRpc.result(id, JsonRpc.object())));
            case "tools/list" -> Uni.createFrom().item(Answer.of(JsonRpc.result(id, toolList(session == null))));
            case "tools/call" -> call(request, session);
            case "initialize" -> Uni.createFrom().item(Answer.of(JsonRpc.error(id, JsonRpc.INVALID_REQUEST,
                    "this session is already initialized")));
            default -> Uni.createFrom().item(Answer.of(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND,
                    "method not found: " + request.method())));
        };
    }

    private ObjectNode toolList(boolean stateless) {
        ObjectNode result = JsonRpc.object();
        result.set("tools", tools.definitions());
        if (stateless) {
            // the request was authenticated, so shared intermediaries must not keep it
            result.put("ttlMs", TOOL_LIST_TTL_MS).put("cacheScope", "private");
        }
        return result;
    }

    private Uni<Answer> call(JsonRpcMessage.Request request, SessionView session) {
        ObjectNode params = request.params() == null ? JsonRpc.object() : request.params();
        JsonNode name = params.get("name");
        McpTool tool = name != null && name.isTextual() ? tools.find(name.textValue()) : null;
        if (tool == null) {
            return Uni.createFrom().item(Answer.of(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS,
                    "unknown tool: " + (name == null ? "(none)" : name.asText()) + " (tools: " + tools.names() + ")")));
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return Uni.createFrom().item(Answer.of(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS,
                    "arguments must be an object")));
        }
        long started = System.nanoTime();
        McpTool.Call call = new McpTool.Call(session, arguments instanceof ObjectNode object ? object : JsonRpc.object(),
                request.meta().get("progressToken"));
        return tool.call(call).map(outcome -> {
            List<ObjectNode> messages = new ArrayList<>(outcome.notifications());
            messages.add(JsonRpc.result(request.id(), outcome.result()));
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            return new Answer(messages, Activity.toolCall(new ToolCall(tool.name(), durationMs, outcome.ok())));
        });
    }
}
