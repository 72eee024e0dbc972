package io.mcp.sessionstore.mcp.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.events.EventMessage;
import io.mcp.sessionstore.events.ServerSentEvents;
import io.mcp.sessionstore.session.StreamAppend;

/**
 * A response stream as it is stored and sent: a fresh stream id, a priming event first from
 * 2025-11-25 on, and each message serialised once, so that the bytes stored are the bytes sent.
 */
final class StreamWriter {

    /** One stream: what the store appends, and the same bytes for the SSE body. */
    record Stream(StreamAppend append, List<byte[]> bytes) {

        Response render(List<String> ids, long retryMillis, String newSessionId) {
            return McpResponses.stream(events(ids), retryMillis, newSessionId);
        }

        /** The events as stored, with the ids the store gave them. */
        List<ServerSentEvents.Event> events(List<String> ids) {
            List<ServerSentEvents.Event> events = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                events.add(new ServerSentEvents.Event(ids.get(i), bytes.get(i)));
            }
            return events;
        }
    }

    private static final String STANDALONE = "g-";

    private final ObjectMapper json;

    StreamWriter(ObjectMapper json) {
        this.json = json;
    }

    /** A GET's standalone stream: its id says so, so a client resuming it gets its relay again. */
    Stream openStandalone(String protocolVersion) {
        Stream stream = open(protocolVersion, List.of());
        return new Stream(new StreamAppend(STANDALONE + stream.append().streamId().substring(2), stream.append().messages()),
                stream.bytes());
    }

    /** A fresh standalone stream id, for a relay that writes a stream with no priming of its own. */
    static String newStandaloneId() {
        return STANDALONE + newStreamId().substring(2);
    }

    static boolean isStandalone(String streamId) {
        return streamId.startsWith(STANDALONE);
    }

    Stream open(String protocolVersion, List<ObjectNode> messages) {
        List<EventMessage> stored = new ArrayList<>(messages.size() + 1);
        List<byte[]> bytes = new ArrayList<>(messages.size() + 1);
        if (McpProtocol.primesStreams(protocolVersion)) {
            stored.add(EventMessage.priming());
            bytes.add(null);
        }
        for (ObjectNode message : messages) {
            byte[] serialised = serialise(message);
            stored.add(new EventMessage(serialised));
            bytes.add(serialised);
        }
        return new Stream(new StreamAppend(newStreamId(), stored), bytes);
    }

    /** One message of a stream's continuation, serialised once as the store takes it. */
    EventMessage message(ObjectNode message) {
        return new EventMessage(serialise(message));
    }

    private byte[] serialise(ObjectNode message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON-RPC message could not be written", e);
        }
    }

    private static String newStreamId() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
