package io.mcp.sessionstore.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The ids of requests an upstream sends the client (sampling, elicitation, roots, ping), rewritten
 * with the generation of the upstream session that sent them: a re-initialized upstream numbers its
 * requests from 0 again, and its ids must never meet an answer meant for the old session. The
 * client sees {@code u<generation>-<id as JSON>}; its answer goes back with the upstream's own id,
 * and an answer to an older generation is dropped: the session that asked is gone.
 */
final class ServerRequestIds {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REWRITTEN = Pattern.compile("^u(\\d+)-(.+)$", Pattern.DOTALL);
    private static final String CANCELLED = "notifications/cancelled";

    private ServerRequestIds() {
    }

    static io.smallrye.mutiny.Multi<UpstreamMessage> toClient(io.smallrye.mutiny.Multi<UpstreamMessage> messages,
            int generation) {
        return messages.map(relayed -> new UpstreamMessage(relayed.eventId(), toClient(relayed.message(), generation)));
    }

    /** An upstream message as the client gets it: its request id, or the id its cancellation names, rewritten. */
    static ObjectNode toClient(ObjectNode message, int generation) {
        if (message.has("method") && message.hasNonNull("id")) {
            ObjectNode rewritten = message.deepCopy();
            rewritten.set("id", rewrite(message.get("id"), generation));
            return rewritten;
        }
        if (CANCELLED.equals(message.path("method").asText()) && message.path("params").hasNonNull("requestId")) {
            ObjectNode rewritten = message.deepCopy();
            ((ObjectNode) rewritten.get("params")).set("requestId", rewrite(message.path("params").get("requestId"), generation));
            return rewritten;
        }
        return message;
    }

    /**
     * A client message as the upstream of {@code generation} gets it: an answer to (or a cancellation
     * of) one of its requests with the upstream's own id; empty when it answers an older generation.
     * Anything else goes unchanged.
     */
    static Optional<ObjectNode> toUpstream(ObjectNode message, int generation) {
        boolean answer = !message.has("method") && message.has("id");
        boolean cancel = CANCELLED.equals(message.path("method").asText());
        JsonNode id = answer ? message.get("id") : cancel ? message.path("params").get("requestId") : null;
        Matcher rewritten = id != null && id.isTextual() ? REWRITTEN.matcher(id.textValue()) : null;
        if (rewritten == null || !rewritten.matches()) {
            return Optional.of(message);
        }
        JsonNode original = original(rewritten.group(2));
        if (original == null || !String.valueOf(generation).equals(rewritten.group(1))) {
            return Optional.empty();
        }
        ObjectNode restored = message.deepCopy();
        if (answer) {
            restored.set("id", original);
        } else {
            ((ObjectNode) restored.get("params")).set("requestId", original);
        }
        return Optional.of(restored);
    }

    private static JsonNode rewrite(JsonNode id, int generation) {
        return TextNode.valueOf("u" + generation + "-" + id.toString());
    }

    private static JsonNode original(String json) {
        try {
            JsonNode id = JSON.readTree(json);
            return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        } catch (JsonProcessingException notOurs) {
            return null;
        }
    }
}
