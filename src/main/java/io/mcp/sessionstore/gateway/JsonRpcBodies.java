package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON-RPC messages of an upstream's HTTP body, the same for both upstream transports. */
final class JsonRpcBodies {

    private JsonRpcBodies() {
    }

    /** A body's JSON-RPC messages: one JSON message or batch, or the data of each SSE event. */
    static List<ObjectNode> messages(ObjectMapper json, String type, String body) {
        if (type.startsWith("text/event-stream")) {
            List<ObjectNode> messages = new ArrayList<>();
            ServerSentEventsReader.data(body).forEach(data -> messages.addAll(parsed(json, data)));
            return messages;
        }
        return type.startsWith("application/json") ? parsed(json, body) : List.of();
    }

    /** The JSON-RPC messages of one JSON text; none when it is not JSON (nothing of it can be relayed). */
    static List<ObjectNode> parsed(ObjectMapper json, String text) {
        List<ObjectNode> messages = new ArrayList<>();
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                messages.add(object);
            } else if (node != null && node.isArray()) {
                node.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        messages.add(object);
                    }
                });
            }
        } catch (JsonProcessingException e) {
            // left out
        }
        return messages;
    }
}
