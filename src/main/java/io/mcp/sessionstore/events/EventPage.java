package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events of one stream, in order. A page holds at most the requested limit: continue after the last id. */
@RegisterForReflection
public record EventPage(String streamId, List<Event> events) {

    /** {@code message} is the stored JSON as it was appended; null for a priming event. */
    @RegisterForReflection
    public record Event(String id, @JsonRawValue String message, Instant createdAt) {
    }

    /** The same events for {@link ServerSentEvents}. */
    public List<ServerSentEvents.Event> toServerSentEvents() {
        return events.stream().map(event -> new ServerSentEvents.Event(event.id(),
                event.message() == null ? null : event.message().getBytes(StandardCharsets.UTF_8))).toList();
    }
}
