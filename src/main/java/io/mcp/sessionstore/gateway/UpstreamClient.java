package io.mcp.sessionstore.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Streamable HTTP towards an upstream: each call carries the upstream's configured headers, the
 * upstream session id and protocol version, and is bounded by the upstream's timeout (no byte for
 * that long), and the W3C trace context of its span ({@code trace}: traceparent, tracestate; see
 * UpstreamTracing). The client's own Mcp-Session-Id and Last-Event-ID never reach the upstream. Vert.x's
 * client answers on the caller's event loop: the JDK's completes on the common fork-join pool, one
 * thread on a 2-core machine, shared with the whole process.
 */
@ApplicationScoped
class UpstreamClient {

    private final WebClient http;
    private final io.vertx.mutiny.core.http.HttpClient streaming;
    private final ObjectMapper json;

    UpstreamClient(Vertx vertx, ObjectMapper json) {
        // no span of Vert.x's own per request: the call's span is UpstreamTracing's, and Vert.x's would
        // carry the full URL (a query may hold a token, a legacy endpoint the upstream's session id)
        this.http = WebClient.create(vertx, new WebClientOptions().setUserAgent("mcp-session-store-gateway")
                .setFollowRedirects(false).setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
        this.streaming = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setMaxPoolSize(64).setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
        this.json = json;
    }

    @PreDestroy
    void close() {
        http.close();
        streaming.closeAndAwait();
    }

    /**
     * A POST whose answer is read as it comes: the status and session id at once, the messages as the
     * upstream sends them (an SSE stream may go on for as long as a tool runs, and carry requests the
     * client must answer before the upstream can finish). Bounded by the timeout between two bytes.
     */
    Uni<UpstreamStream> postStreaming(Upstream upstream, String sessionId, String protocolVersion, ObjectNode message,
            Map<String, String> trace) {
        io.vertx.core.http.RequestOptions options = options(HttpMethod.POST, upstream, sessionId, protocolVersion, trace)
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json, text/event-stream");
        return streaming.request(options).chain(request -> request.send(Buffer.buffer(bytes(message))))
                .map(response -> new UpstreamStream(response.statusCode(), response.getHeader("mcp-session-id"),
                        bodyMessages(response)));
    }

    /**
     * GET with Last-Event-ID: the upstream's stream of a request after that event, as the upstream
     * replays it (what it sent since) and goes on with it, up to the response. No message for
     * {@code quiet} ends the messages and closes the connection (keep-alive comments are no message).
     */
    Uni<UpstreamStream> resume(Upstream upstream, String sessionId, String protocolVersion, String lastEventId,
            java.time.Duration quiet, Map<String, String> trace) {
        io.vertx.core.http.RequestOptions options = options(HttpMethod.GET, upstream, sessionId, protocolVersion, trace)
                .putHeader("Accept", "text/event-stream").putHeader("Last-Event-ID", lastEventId);
        return streaming.request(options).chain(request -> request.send()
                .map(response -> new UpstreamStream(response.statusCode(), response.getHeader("mcp-session-id"),
                        bodyMessages(response).ifNoItem().after(quiet).recoverWithCompletion()
                                .onTermination().invoke(() -> hangUp(request, response)))));
    }

    /**
     * GET without Last-Event-ID: the upstream's standalone stream of a session (what it sends outside
     * any request), open as long as the caller reads it; cancelling closes the connection.
     */
    Uni<UpstreamStream> listen(Upstream upstream, String sessionId, String protocolVersion, Map<String, String> trace) {
        io.vertx.core.http.RequestOptions options = options(HttpMethod.GET, upstream, sessionId, protocolVersion, trace)
                .putHeader("Accept", "text/event-stream");
        return streaming.request(options).chain(request -> request.send()
                .map(response -> new UpstreamStream(response.statusCode(), response.getHeader("mcp-session-id"),
                        bodyMessages(response).onTermination().invoke(() -> hangUp(request, response)))));
    }

    /**
     * Closes a GET stream the gateway stopped reading (quiet, or its client gone): the reset's own
     * failure is the expected end, not an error to log.
     */
    private static void hangUp(io.vertx.mutiny.core.http.HttpClientRequest request,
            io.vertx.mutiny.core.http.HttpClientResponse response) {
        response.exceptionHandler(ended -> { }); // the request itself has ended: only its response still listens
        request.reset();
    }

    private static io.vertx.core.http.RequestOptions options(HttpMethod method, Upstream upstream, String sessionId,
            String protocolVersion, Map<String, String> trace) {
        io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions().setMethod(method)
                .setAbsoluteURI(upstream.url().toString()).setIdleTimeout(upstream.timeout().toMillis())
                .putHeader("User-Agent", "mcp-session-store-gateway");
        upstream.headers().forEach(options::putHeader);
        trace.forEach(options::putHeader);
        if (sessionId != null && !sessionId.isEmpty()) {
            options.putHeader("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            options.putHeader("MCP-Protocol-Version", protocolVersion);
        }
        return options;
    }

    private io.smallrye.mutiny.Multi<UpstreamMessage> bodyMessages(io.vertx.mutiny.core.http.HttpClientResponse response) {
        String type = response.getHeader("content-type") == null ? "" : response.getHeader("content-type");
        if (!type.startsWith("text/event-stream")) {
            return response.body().onItem().transformToMulti(body -> {
                List<ObjectNode> messages = new ArrayList<>();
                if (type.startsWith("application/json")) {
                    add(messages, body.toString());
                }
                return io.smallrye.mutiny.Multi.createFrom().iterable(messages)
                        .map(message -> new UpstreamMessage(null, message));
            });
        }
        SseEventSplitter splitter = new SseEventSplitter();
        return response.toMulti()
                .onItem().transformToIterable(piece -> parsed(splitter.feedEvents(piece.getBytes())))
                .onCompletion().switchTo(() -> io.smallrye.mutiny.Multi.createFrom().iterable(parsed(splitter.finishEvents())));
    }

    private List<UpstreamMessage> parsed(List<ServerSentEventsReader.Event> events) {
        List<UpstreamMessage> messages = new ArrayList<>();
        for (ServerSentEventsReader.Event event : events) {
            List<ObjectNode> parsed = new ArrayList<>();
            add(parsed, event.data());
            parsed.forEach(message -> messages.add(new UpstreamMessage(event.id(), message)));
        }
        return messages;
    }

    Uni<UpstreamReply> post(Upstream upstream, String sessionId, String protocolVersion, ObjectNode message) {
        return post(upstream, sessionId, protocolVersion, message, Map.of());
    }

    Uni<UpstreamReply> post(Upstream upstream, String sessionId, String protocolVersion, ObjectNode message,
            Map<String, String> trace) {
        return request(HttpMethod.POST, upstream, sessionId, protocolVersion, trace)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream")
                .sendBuffer(Buffer.buffer(bytes(message)))
                .map(response -> new UpstreamReply(response.statusCode(), response.getHeader("mcp-session-id"),
                        messages(response)));
    }

    /** Ends an upstream session; 404 and 405 (already gone, or not supported) are fine. */
    Uni<Integer> delete(Upstream upstream, String sessionId, String protocolVersion) {
        return request(HttpMethod.DELETE, upstream, sessionId, protocolVersion, Map.of()).send().map(HttpResponse::statusCode);
    }

    private HttpRequest<Buffer> request(HttpMethod method, Upstream upstream, String sessionId, String protocolVersion,
            Map<String, String> trace) {
        HttpRequest<Buffer> request = http.requestAbs(method, upstream.url().toString())
                .timeout(upstream.timeout().toMillis());
        upstream.headers().forEach(request::putHeader);
        trace.forEach(request::putHeader);
        if (sessionId != null && !sessionId.isEmpty()) {
            request.putHeader("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.putHeader("MCP-Protocol-Version", protocolVersion);
        }
        return request;
    }

    /** The JSON-RPC messages of a body: one JSON message or batch, or the data of each SSE event. */
    private List<ObjectNode> messages(HttpResponse<Buffer> response) {
        String type = response.getHeader("content-type") == null ? "" : response.getHeader("content-type");
        return JsonRpcBodies.messages(json, type, response.bodyAsString() == null ? "" : response.bodyAsString());
    }

    private void add(List<ObjectNode> messages, String text) {
        messages.addAll(JsonRpcBodies.parsed(json, text));
    }

    private byte[] bytes(ObjectNode message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
