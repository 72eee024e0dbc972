package io.mcp.sessionstore.mcp.server;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** session_info: this session's record. */
@ApplicationScoped
public class SessionInfoTool implements McpTool {

    private final ObjectMapper json;

    public SessionInfoTool(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "session_info";
    }

    @Override
    public ObjectNode definition() {
        return ToolResults.definition(name(), "This session", "This MCP session's record: metrics, recent tool calls, expiry.");
    }

    @Override
    public Uni<Outcome> call(Call call) {
        if (call.session() == null) {
            return Uni.createFrom().item(new Outcome(List.of(), ToolResults.structured(json.createObjectNode()
                    .put("error", "no session: protocol 2026-07-28 is stateless"), true), false));
        }
        return Uni.createFrom().item(new Outcome(List.of(), ToolResults.structured(json.valueToTree(call.session()),
                false), true));
    }
}
