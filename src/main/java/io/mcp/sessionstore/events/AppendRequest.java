package io.mcp.sessionstore.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of an append: {@code {"message": <any JSON or null>}} or {@code {"messages": [...]}}.
 * A JSON null is a priming event: an id with empty data.
 */
@RegisterForReflection
public record AppendRequest(JsonNode message, List<JsonNode> messages) {
}
