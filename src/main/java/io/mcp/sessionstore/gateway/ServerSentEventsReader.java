package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;

/** The data of each event of an SSE body (events without data, such as priming events, left out). */
final class ServerSentEventsReader {

    private ServerSentEventsReader() {
    }

    static List<String> data(String body) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null && !data.isEmpty()) {
                    events.add(data.toString());
                }
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null && !data.isEmpty()) {
            events.add(data.toString());
        }
        return events;
    }
}
