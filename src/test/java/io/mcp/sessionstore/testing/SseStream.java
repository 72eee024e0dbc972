package io.mcp.sessionstore.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An SSE response read while it is still being written, as an MCP client reads a call's stream:
 * each event as it arrives, with a deadline. A reader thread feeds a queue; close() ends it.
 */
public final class SseStream implements AutoCloseable {

    /** One event: its id (null without one), its data (empty for a priming event) and its type (null without one). */
    public record Event(String id, String data, String type) {
    }

    private static final Event END = new Event(null, null, null);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final java.util.concurrent.atomic.AtomicInteger comments = new java.util.concurrent.atomic.AtomicInteger();

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    public static SseStream post(URI uri, Map<String, String> headers, String body) {
        return open(request(uri, headers).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream"));
    }

    public static SseStream get(URI uri, Map<String, String> headers) {
        return open(request(uri, headers).GET().header("Accept", "text/event-stream"));
    }

    private static HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        return request;
    }

    private static SseStream open(HttpRequest.Builder request) {
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many comment lines (": ...", which clients ignore) came so far. */
    public int comments() {
        return comments.get();
    }

    public int status() {
        return response.statusCode();
    }

    /** The next event within the deadline; fails when the stream ended or nothing came in time. */
    public Event next(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + within);
            }
            if (event == END) {
                events.add(END);
                throw new AssertionError("the stream ended");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first event that matches, skipping the others, within the deadline. */
    public Event until(Predicate<Event> wanted, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Whether the server ended the stream within the deadline (no event left unread). */
    public boolean endsWithin(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            return event == END;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (id != null || data != null) {
                        events.add(new Event(id, data == null ? "" : data.toString(), type));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String piece = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(piece) : data.append('\n').append(piece);
                }
            }
        } catch (IOException closed) {
            // closed by close(), or by the server going away: the stream ends either way
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
