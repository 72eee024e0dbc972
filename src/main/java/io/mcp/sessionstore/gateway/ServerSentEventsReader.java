package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of an SSE body that carry data (priming events left out), each with the last event id
 * the stream set up to it: the upstream's resume point, should the gateway have to resume it.
 */
final class ServerSentEventsReader {

    /** One event's data, and the stream's last event id at that event (null: none yet). */
    record Event(String id, String data) {
    }

    private ServerSentEventsReader() {
    }

    static List<String> data(String body) {
        return events(body, null).stream().map(Event::data).toList();
    }

    /** {@code lastId}: the last event id before this body (an id lasts until another replaces it). */
    static List<Event> events(String body, String lastId) {
        List<Event> events = new ArrayList<>();
        String id = lastId;
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null && !data.isEmpty()) {
                    events.add(new Event(id, data.toString()));
                }
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("id:")) {
                String value = line.substring(3);
                value = value.startsWith(" ") ? value.substring(1) : value;
                if (!value.contains("\0")) { // the SSE rule: an id with NUL is ignored
                    id = value;
                }
            }
        }
        if (data != null && !data.isEmpty()) {
            events.add(new Event(id, data.toString()));
        }
        return events;
    }
}
