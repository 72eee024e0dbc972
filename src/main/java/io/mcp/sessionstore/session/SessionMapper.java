package io.mcp.sessionstore.session;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Between rows and the API: JSON columns arrive as text and leave as JSON. */
@ApplicationScoped
public class SessionMapper {

    private final ObjectMapper json;

    public SessionMapper(ObjectMapper json) {
        this.json = json;
    }

    public SessionView toView(SessionEntity row) {
        return new SessionView(row.id, row.serverId, row.userAgent, row.clientTransport, row.upstreamTransport,
                row.protocolVersion, row.initialized, orEmpty(row.capabilities, "{}"), orEmpty(row.clientInfo, "{}"),
                orEmpty(row.attributes, "{}"), row.createdAt, row.lastActivity, row.expiresAt, row.ttlSeconds,
                new SessionView.Metrics(row.requests, row.toolCalls, row.errors), orEmpty(row.recentToolCalls, "[]"),
                row.version);
    }

    /** The mutable fields of a row as a JSON object: what a merge patch applies to. */
    public ObjectNode mutableFields(SessionEntity row) {
        SessionFields fields = new SessionFields(row.serverId, row.userAgent, row.clientTransport,
                row.upstreamTransport, row.protocolVersion, row.initialized, object(row.capabilities),
                object(row.clientInfo), object(row.attributes), row.ttlSeconds);
        ObjectNode node = json.valueToTree(fields);
        node.properties().removeIf(member -> member.getValue().isNull());
        return node;
    }

    /** Throws Jackson's own exceptions (unknown property, wrong type): the caller's mistake, a 400. */
    public SessionFields fields(JsonNode node) throws JsonProcessingException {
        return json.treeToValue(node, SessionFields.class);
    }

    public String toolCallJson(ActivityRequest.ToolCallInput call) {
        if (call == null) {
            return null;
        }
        ObjectNode node = json.createObjectNode();
        node.put("name", call.name());
        if (call.durationMs() != null) {
            node.put("durationMs", call.durationMs());
        }
        node.put("ok", call.ok() == null || call.ok());
        return node.toString();
    }

    private ObjectNode object(String text) {
        try {
            return text == null ? json.createObjectNode() : (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON column holds invalid JSON", e);
        }
    }

    private static String orEmpty(String json, String empty) {
        return json == null ? empty : json;
    }
}
