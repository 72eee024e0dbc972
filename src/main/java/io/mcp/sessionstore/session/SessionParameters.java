package io.mcp.sessionstore.session;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The named parameters of the statements that write a session's mutable fields. */
final class SessionParameters {

    private SessionParameters() {
    }

    static Map<String, Object> of(String id, SessionFields fields, int ttlSeconds) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("serverId", fields.serverId());
        parameters.put("userAgent", fields.userAgent());
        parameters.put("clientTransport", fields.clientTransport());
        parameters.put("upstreamTransport", fields.upstreamTransport());
        parameters.put("protocolVersion", fields.protocolVersion());
        parameters.put("initialized", Boolean.TRUE.equals(fields.initialized()));
        parameters.put("capabilities", json(fields.capabilities()));
        parameters.put("clientInfo", json(fields.clientInfo()));
        parameters.put("attributes", json(fields.attributes()));
        parameters.put("ttlSeconds", ttlSeconds);
        return parameters;
    }

    private static String json(ObjectNode node) {
        return node == null ? "{}" : node.toString();
    }
}
