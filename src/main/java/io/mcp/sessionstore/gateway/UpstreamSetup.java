package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;

/**
 * The setup a client made on its upstream session that a new upstream session must get again for
 * the client to notice nothing: the logging level, and the resources it subscribed to. Kept as a
 * JSON array of {@code {"method","params"}} in the session.
 */
final class UpstreamSetup {

    static final String SET_LEVEL = "logging/setLevel";
    static final String SUBSCRIBE = "resources/subscribe";
    static final String UNSUBSCRIBE = "resources/unsubscribe";
    private static final Set<String> METHODS = Set.of(SET_LEVEL, SUBSCRIBE, UNSUBSCRIBE);

    private UpstreamSetup() {
    }

    static boolean isSetup(JsonRpcMessage.Request request) {
        return METHODS.contains(request.method());
    }

    /** The setup once this (successful) request is part of it: the last level, each subscribed uri once. */
    static ArrayNode after(JsonNode setup, JsonRpcMessage.Request request) {
        JsonNode params = request.params() == null ? JsonRpc.object() : request.params();
        String uri = params.path("uri").asText(null);
        ArrayNode next = JsonRpc.object().arrayNode();
        if (setup != null && setup.isArray()) {
            for (JsonNode entry : setup) {
                String method = entry.path("method").asText();
                boolean replaced = method.equals(SET_LEVEL) && request.method().equals(SET_LEVEL)
                        || method.equals(SUBSCRIBE) && uri != null && uri.equals(entry.path("params").path("uri").asText(null));
                if (!replaced) {
                    next.add(entry);
                }
            }
        }
        if (!request.method().equals(UNSUBSCRIBE)) {
            ObjectNode entry = next.addObject().put("method", request.method());
            entry.set("params", params);
        }
        return next;
    }

    /** The requests that set it up again on a new upstream session, in order. */
    static List<ObjectNode> replay(JsonNode setup) {
        List<ObjectNode> requests = new ArrayList<>();
        if (setup == null || !setup.isArray()) {
            return requests;
        }
        int number = 0;
        for (JsonNode entry : setup) {
            ObjectNode request = JsonRpc.object().put("jsonrpc", "2.0").put("id", "gateway-setup-" + ++number)
                    .put("method", entry.path("method").asText());
            request.set("params", entry.path("params"));
            requests.add(request);
        }
        return requests;
    }
}
