package io.mcp.sessionstore.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.common.InvalidInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of an append: {@code {"message": <any JSON or null>}} or {@code {"messages": [...]}}.
 * A JSON null is a priming event: an id with empty data.
 */
@RegisterForReflection
public record AppendRequest(JsonNode message, List<JsonNode> messages) {

    /** The messages as the store takes them, each serialised once. */
    List<EventMessage> eventMessages() {
        if ((message == null) == (messages == null)) {
            throw new InvalidInputException("invalid-append", "send either \"message\" or \"messages\"");
        }
        List<JsonNode> nodes = message != null ? List.of(message) : messages;
        if (nodes.isEmpty()) {
            throw new InvalidInputException("invalid-append", "\"messages\" must not be empty");
        }
        List<EventMessage> out = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            out.add(node == null || node.isNull() ? EventMessage.priming() : EventMessage.of(node.toString()));
        }
        return out;
    }
}
