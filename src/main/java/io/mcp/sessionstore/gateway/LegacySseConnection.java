package io.mcp.sessionstore.gateway;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * One GET stream of the 2024-11-05 HTTP+SSE transport, which is the upstream session itself: it
 * lives as long as the stream, and the upstream forgets it when the stream closes. The endpoint its
 * first event named is where its messages are POSTed; what comes on it goes to its requests
 * ({@link SharedStreamRequests}). Read on one event loop; closed from any thread.
 */
final class LegacySseConnection {

    private final Vertx vertx;
    private final Upstream upstream;
    private final ObjectMapper json;
    private final Consumer<LegacySseConnection> onClosed;
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final SharedStreamRequests requests = new SharedStreamRequests();
    /** The GET, reset when the connection is closed; set once the client has a connection for it. */
    private volatile HttpClientRequest request;
    /** Where POSTs go: the endpoint, unless a test pointed the connection elsewhere. */
    private volatile URI target;

    LegacySseConnection(Vertx vertx, Upstream upstream, ObjectMapper json, Consumer<LegacySseConnection> onClosed) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.json = json;
        this.onClosed = onClosed;
    }

    /** The message endpoint, once the first event named it. */
    CompletableFuture<URI> endpoint() {
        return endpoint;
    }

    /** The key the gateway stores: the endpoint the upstream named, which names its session; null before it came. */
    String key() {
        return endpoint.isDone() && !endpoint.isCompletedExceptionally() ? endpoint.join().toString() : null;
    }

    Upstream upstream() {
        return upstream;
    }

    URI target() {
        return target;
    }

    /** For tests: the upstream no longer knows the session its stream still holds (a bug, a lost route). */
    void pointAt(URI elsewhere) {
        target = elsewhere;
    }

    boolean closed() {
        return requests.closed();
    }

    /**
     * Sends the GET: its response, read from its first piece on when it is the event stream (the
     * handlers are set in the callback that delivers it, before any piece can come).
     */
    Uni<HttpClientResponse> open(HttpClient streams, String userAgent) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(upstream.url().toString())
                .setConnectTimeout(upstream.timeout().toMillis()).putHeader("Accept", "text/event-stream")
                .putHeader("User-Agent", userAgent);
        upstream.headers().forEach(options::putHeader);
        return streams.request(options).chain(get -> {
            request = get;
            if (closed()) {
                get.reset(); // closed while it connected: close read the field before it was set
            }
            return get.send();
        }).invoke(response -> {
            if (eventStream(response)) {
                response.handler(this::piece);
                response.exceptionHandler(failure -> ended());
                response.endHandler(this::ended);
            }
        });
    }

    static boolean eventStream(HttpClientResponse response) {
        return response.statusCode() == 200 && String.valueOf(response.getHeader("content-type")).startsWith("text/event-stream");
    }

    private void piece(Buffer piece) {
        for (String data : splitter.feed(piece.getBytes())) {
            if (closed()) {
                return;
            }
            if (!endpoint.isDone()) {
                named(data.trim());
            } else {
                JsonRpcBodies.parsed(json, data).forEach(requests::route);
            }
        }
    }

    /**
     * The first event names the endpoint (the spec: the server MUST send it first), relative or
     * absolute. One on another origin is refused: the upstream's headers (secrets) go to its own origin
     * only, as the TypeScript SDK's client checks too.
     */
    private void named(String data) {
        URI url = upstream.url();
        URI resolved;
        try {
            resolved = url.resolve(data);
        } catch (IllegalArgumentException e) {
            close(() -> new IllegalStateException("upstream " + upstream.id() + " named no valid message endpoint"));
            return;
        }
        if (!url.getScheme().equalsIgnoreCase(resolved.getScheme()) || !url.getHost().equalsIgnoreCase(resolved.getHost())
                || port(url) != port(resolved)) {
            close(() -> new IllegalStateException("upstream " + upstream.id() + " named a message endpoint on another origin"));
            return;
        }
        target = resolved;
        endpoint.complete(resolved);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private void ended() {
        close(() -> new IllegalStateException("upstream " + upstream.id() + " closed its SSE stream"));
    }

    /** A request about to be POSTed, bounded from now on (see arm); null when the connection is closed. */
    SharedStreamRequests.Pending expect(JsonNode id, JsonNode progressToken) {
        SharedStreamRequests.Pending waiting = requests.expect(id, progressToken);
        if (waiting != null) {
            arm(waiting);
        }
        return waiting;
    }

    void refused(SharedStreamRequests.Pending waiting, int status, List<ObjectNode> body) {
        requests.refused(waiting, status, body);
    }

    /**
     * Bounds a request by the upstream's timeout between two messages for it. One that got nothing
     * for that long means the session is dead: the connection is closed, and the next call finds none.
     */
    private void arm(SharedStreamRequests.Pending waiting) {
        requests.bound(vertx, waiting, upstream.timeout(), () -> close(() -> new TimeoutException("upstream "
                + upstream.id() + " gave no answer within " + upstream.timeout())));
    }

    /** Ends the upstream session (the transport has no DELETE): the GET is reset, and every pending request fails. */
    void close(Supplier<Throwable> why) {
        List<SharedStreamRequests.Pending> failed = requests.close();
        if (failed == null) {
            return;
        }
        onClosed.accept(this);
        endpoint.completeExceptionally(why.get());
        failed.forEach(waiting -> waiting.fail(why.get()));
        HttpClientRequest get = request;
        if (get != null) {
            get.reset();
        }
    }
}
