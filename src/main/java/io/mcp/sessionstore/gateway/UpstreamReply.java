package io.mcp.sessionstore.gateway;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an upstream answered to one POST: its HTTP status, the session id it assigned (initialize),
 * and the JSON-RPC messages of its body, whether it came as JSON or as an SSE stream.
 */
record UpstreamReply(int status, String sessionId, List<ObjectNode> messages) {

    /**
     * The upstream no longer knows the session: 404 (the spec), or 400 with JSON-RPC -32000, as the
     * TypeScript SDK's servers answer an unknown session id after a restart.
     */
    boolean sessionLost() {
        return status == 404 || (status == 400 && messages.stream()
                .anyMatch(message -> message.path("error").path("code").asInt() == -32000));
    }

    /** The same reply with these messages first (notifications the gateway adds to the client's stream). */
    UpstreamReply after(List<ObjectNode> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<ObjectNode> all = new java.util.ArrayList<>(first);
        all.addAll(messages);
        return new UpstreamReply(status, sessionId, all);
    }

    boolean accepted() {
        return status >= 200 && status < 300;
    }
}
