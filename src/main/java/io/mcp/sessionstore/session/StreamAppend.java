package io.mcp.sessionstore.session;

import java.util.List;

import io.mcp.sessionstore.events.EventMessage;

/** The events of one stream that a write of the session appends in the same statement. */
public record StreamAppend(String streamId, List<EventMessage> messages) {

    public static final StreamAppend NONE = new StreamAppend("", List.of());

    public StreamAppend {
        messages = List.copyOf(messages);
    }
}
