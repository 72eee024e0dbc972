package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.events.EventService;
import io.smallrye.mutiny.Uni;

/**
 * The rest of one stream of a session, written by a handler after the transport sent its start:
 * each message is stored (and so reaches whoever follows the stream, on any replica) in order.
 */
public final class StreamSink {

    private final String sessionId;
    private final String streamId;
    private final EventService events;
    private final StreamWriter writer;

    StreamSink(String sessionId, String streamId, EventService events, StreamWriter writer) {
        this.sessionId = sessionId;
        this.streamId = streamId;
        this.events = events;
        this.writer = writer;
    }

    public String sessionId() {
        return sessionId;
    }

    public String streamId() {
        return streamId;
    }

    /** Stores one message; its event id once stored. */
    public Uni<String> append(ObjectNode message) {
        return events.append(sessionId, streamId, List.of(writer.message(message))).map(List::getFirst);
    }
}
