package io.mcp.sessionstore.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one writer of stored streams as Server-Sent Events, for every endpoint that sends them: an
 * {@code id} line per event, the message bytes as they were stored in {@code data} lines, and for a
 * priming event empty data (with a {@code retry} line when the endpoint announces one).
 */
public final class ServerSentEvents {

    public static final String MEDIA_TYPE = "text/event-stream;charset=UTF-8";

    /** One event; {@code data} null is a priming event. */
    public record Event(String id, byte[] data) {
    }

    private ServerSentEvents() {
    }

    /** {@code retryMillis} null: no retry line. */
    public static byte[] write(List<Event> events, Long retryMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * events.size() + 64);
        for (Event event : events) {
            ascii(out, "id: " + event.id() + "\n");
            if (event.data() == null) {
                if (retryMillis != null) {
                    ascii(out, "retry: " + retryMillis + "\n");
                }
                ascii(out, "data:\n\n");
                continue;
            }
            writeData(out, event.data());
            ascii(out, "\n");
        }
        return out.toByteArray();
    }

    /**
     * One event with an {@code event} field (the legacy HTTP+SSE transport names its events
     * {@code endpoint} and {@code message}); {@code retryMillis} null: no retry line.
     */
    public static byte[] writeNamed(String type, String id, byte[] data, Long retryMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 128);
        ascii(out, "event: " + type + "\nid: " + id + "\n");
        if (retryMillis != null) {
            ascii(out, "retry: " + retryMillis + "\n");
        }
        writeData(out, data);
        ascii(out, "\n");
        return out.toByteArray();
    }

    /** A comment line, which every client ignores: it keeps an idle stream from looking dead to proxies. */
    public static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A line break inside the data would end the field: each line gets a data line of its own. */
    private static void writeData(ByteArrayOutputStream out, byte[] data) {
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
                ascii(out, "data: ");
                out.write(data, start, end - start);
                ascii(out, "\n");
                start = i + 1;
            }
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
