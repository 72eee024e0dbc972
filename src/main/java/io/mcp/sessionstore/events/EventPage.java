package io.mcp.sessionstore.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** Events of one stream, in order. A page holds at most the requested limit: continue after the last id. */
@RegisterForReflection
public record EventPage(String streamId, List<Event> events) {

    /** {@code message} is the stored JSON as it was appended; null for a priming event. */
    @RegisterForReflection
    public record Event(String id, @JsonRawValue String message, Instant createdAt) {
    }

    /** The same events as Server-Sent Events: an id line and a data line each (empty data when priming). */
    public String toServerSentEvents() {
        StringBuilder sse = new StringBuilder();
        for (Event event : events) {
            sse.append("id: ").append(event.id()).append('\n')
                    .append("data:").append(event.message() == null ? "" : " " + event.message()).append("\n\n");
        }
        return sse.toString();
    }
}
