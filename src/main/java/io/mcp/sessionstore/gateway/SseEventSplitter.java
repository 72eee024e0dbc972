package io.mcp.sessionstore.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an SSE body arriving in pieces into whole events: bytes are kept until a blank line ends an
 * event, so a UTF-8 character or a data line split between two pieces is never cut.
 */
final class SseEventSplitter {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The stream's last event id so far, for the events that follow (an id lasts until replaced). */
    private String lastId;

    /** The data of every event this piece completes (events without data left out). */
    List<String> feed(byte[] piece) {
        return feedEvents(piece).stream().map(ServerSentEventsReader.Event::data).toList();
    }

    /** The events this piece completes, each with the stream's last event id at it. */
    List<ServerSentEventsReader.Event> feedEvents(byte[] piece) {
        pending.writeBytes(piece);
        byte[] bytes = pending.toByteArray();
        List<ServerSentEventsReader.Event> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            int end = eventEnd(bytes, i);
            if (end > 0) {
                events.addAll(read(new String(bytes, start, i - start, StandardCharsets.UTF_8) + "\n\n"));
                start = end;
                i = end - 1;
            }
        }
        pending.reset();
        pending.write(bytes, start, bytes.length - start);
        return events;
    }

    /** What is left when the body ended (an event without its blank line). */
    List<String> finish() {
        return finishEvents().stream().map(ServerSentEventsReader.Event::data).toList();
    }

    List<ServerSentEventsReader.Event> finishEvents() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest.isBlank() ? List.of() : read(rest);
    }

    /** The id of an event without data (a priming event) still moves the stream's last id. */
    private List<ServerSentEventsReader.Event> read(String block) {
        List<ServerSentEventsReader.Event> events = ServerSentEventsReader.events(block, lastId);
        String idLine = lastIdLine(block);
        if (idLine != null) {
            lastId = idLine;
        }
        return events;
    }

    private static String lastIdLine(String block) {
        String id = null;
        for (String line : block.split("\r\n|\r|\n")) {
            if (line.startsWith("id:") && !line.contains("\0")) {
                id = line.substring(3).startsWith(" ") ? line.substring(4) : line.substring(3);
            }
        }
        return id;
    }

    /** The index after a blank line starting at i (\n\n, \r\n\r\n, \r\r), or -1. */
    private static int eventEnd(byte[] b, int i) {
        if (b[i] == '\n' && i + 1 < b.length && b[i + 1] == '\n') {
            return i + 2;
        }
        if (b[i] == '\r' && i + 3 < b.length && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
            return i + 4;
        }
        if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\r') {
            return i + 2;
        }
        return -1;
    }
}
