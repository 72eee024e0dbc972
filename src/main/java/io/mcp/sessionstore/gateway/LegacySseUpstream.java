package io.mcp.sessionstore.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The 2024-11-05 HTTP+SSE transport towards an upstream, called like {@link UpstreamClient}: the
 * upstream session is a GET stream this process holds, named by the endpoint its first event gave
 * (the key the gateway stores as the upstream session id). Messages are POSTed there and answered
 * 202; every answer comes on the stream. A key this process does not hold (another replica opened
 * it, this one restarted, the stream ended) is 404 at once, so the gateway initializes again. Vert.x
 * clients, as in UpstreamClient: the JDK's completes on the one-thread common pool.
 */
@ApplicationScoped
class LegacySseUpstream implements HeldSessions {

    private static final String USER_AGENT = "mcp-session-store-gateway";
    private static final UpstreamReply LOST = new UpstreamReply(404, null, List.of());

    private final Vertx vertx;
    private final WebClient http;
    /** One TCP connection per held session: the pool is as large as the sessions one upstream may have here. */
    private final HttpClient streams;
    private final ObjectMapper json;
    private final Map<Held, LegacySseConnection> connections = new ConcurrentHashMap<>();

    /** Keys are the upstream's: scoped by upstream id, so one upstream's key never reaches another's session. */
    private record Held(String upstreamId, String key) {
    }

    LegacySseUpstream(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        // no Vert.x span per request (see UpstreamClient): the endpoint's URL names the upstream session
        this.http = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT).setFollowRedirects(false)
                .setMaxPoolSize(64).setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
        this.streams = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1024)
                .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
        this.json = json;
    }

    @PreDestroy
    void close() {
        List.copyOf(connections.values()).forEach(held -> held.close(() -> new IllegalStateException("the gateway is stopping")));
        http.close();
        streams.closeAndAwait();
    }

    @Override
    public Uni<UpstreamReply> post(Upstream upstream, String key, ObjectNode message, String clientSession) {
        return post(upstream, key, message);
    }

    /**
     * A message on the session {@code connection} names (null or empty with initialize: a new one).
     * Requests are answered with what the stream carried for them, then their response; anything else
     * with 202 once POSTed. Answers come on the caller's Vert.x context, whichever thread the stream reads on.
     */
    Uni<UpstreamReply> post(Upstream upstream, String connection, ObjectNode message) {
        Context caller = Vertx.currentContext();
        Uni<UpstreamReply> reply = Uni.createFrom().deferred(() -> {
            if (connection == null || connection.isEmpty()) {
                return "initialize".equals(message.path("method").asText()) ? initialize(upstream, message)
                        : Uni.createFrom().item(LOST);
            }
            LegacySseConnection held = connections.get(new Held(upstream.id(), connection));
            return held == null || held.closed() ? Uni.createFrom().item(LOST) : exchange(upstream, held, message);
        });
        return caller == null ? reply : reply.emitOn(caller::runOnContext);
    }

    /**
     * A request whose answer is relayed as it comes: the stream's messages for it, up to its response,
     * once its POST was accepted (a tool that asks the client something mid-call needs its question
     * relayed before its response can come). Anything that is not a request is {@link #post}ed.
     */
    @Override
    public Uni<UpstreamStream> postStreaming(Upstream upstream, String connection, ObjectNode message) {
        JsonNode id = message.get("id");
        LegacySseConnection held = connection == null ? null : connections.get(new Held(upstream.id(), connection));
        if (held == null || held.closed() || !message.has("method") || id == null || id.isNull()) {
            return post(upstream, connection, message).map(reply -> new UpstreamStream(reply.status(), reply.sessionId(),
                    Multi.createFrom().iterable(reply.messages()).map(answer -> new UpstreamMessage(null, answer))));
        }
        Context caller = Vertx.currentContext();
        SharedStreamRequests.Pending waiting = held.expect(id, message.path("params").path("_meta").get("progressToken"));
        if (waiting == null) {
            return Uni.createFrom().item(new UpstreamStream(LOST.status(), null, Multi.createFrom().empty()));
        }
        Uni<UpstreamStream> stream = send(upstream, held, message).map(response -> {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                List<ObjectNode> body = messages(response);
                held.refused(waiting, response.statusCode(), body);
                dropIfLost(held, new UpstreamReply(response.statusCode(), connection, body));
                return new UpstreamStream(response.statusCode(), connection, Multi.createFrom().iterable(body)
                        .map(answer -> new UpstreamMessage(null, answer)));
            }
            Multi<ObjectNode> live = Multi.createFrom().publisher(waiting.live);
            return new UpstreamStream(200, connection, (caller == null ? live : live.emitOn(caller::runOnContext))
                    .map(answer -> new UpstreamMessage(null, answer)));
        });
        return caller == null ? stream : stream.emitOn(caller::runOnContext);
    }

    /** Ends the session: the transport has no DELETE, the upstream forgets it when its stream closes. */
    @Override
    public Uni<Integer> delete(Upstream upstream, String connection) {
        return Uni.createFrom().item(() -> {
            LegacySseConnection held = connection == null ? null : connections.remove(new Held(upstream.id(), connection));
            if (held == null) {
                return 404;
            }
            held.close(() -> new IllegalStateException("upstream " + upstream.id() + ": its SSE session was ended"));
            return 200;
        });
    }

    /** For tests: the connection's POSTs go to {@code elsewhere} from now on; false when it is not held. */
    boolean pointAt(Upstream upstream, String connection, URI elsewhere) {
        LegacySseConnection held = connections.get(new Held(upstream.id(), connection));
        if (held != null) {
            held.pointAt(elsewhere);
        }
        return held != null;
    }

    /**
     * Opens the stream, waits for its endpoint, and sends the initialize there, all within the timeout.
     * A GET that is not an event stream is answered with its status; an initialize the upstream refused
     * closes the stream, which would hold a session nobody can use.
     */
    private Uni<UpstreamReply> initialize(Upstream upstream, ObjectNode message) {
        LegacySseConnection connection = new LegacySseConnection(vertx, upstream, json, this::forget);
        return connection.open(streams, USER_AGENT)
                .chain(response -> {
                    if (!LegacySseConnection.eventStream(response)) {
                        String type = String.valueOf(response.getHeader("content-type"));
                        return response.body().map(body -> new UpstreamReply(response.statusCode(), null,
                                JsonRpcBodies.messages(json, type, body.toString())));
                    }
                    return Uni.createFrom().completionStage(connection.endpoint()).chain(endpoint -> {
                        Held held = new Held(upstream.id(), connection.key());
                        connections.put(held, connection);
                        if (connection.closed()) {
                            connections.remove(held, connection); // it ended before it was held
                        }
                        return exchange(upstream, connection, message);
                    }).map(reply -> {
                        if (reply.accepted() && !reply.messages().isEmpty() && reply.messages().getLast().has("result")) {
                            return reply;
                        }
                        connection.close(() -> new IllegalStateException("upstream " + upstream.id() + " refused initialize"));
                        return new UpstreamReply(reply.status(), null, reply.messages());
                    });
                })
                .ifNoItem().after(upstream.timeout()).failWith(() -> timedOut(upstream))
                .onFailure().invoke(failure -> connection.close(() -> failure));
    }

    /**
     * A request is registered before its POST (the response may come on the stream before the 202)
     * and answered when its response comes; a refused POST answers it with its status. A POST that
     * fails or times out closes the session: whether the upstream got the message is unknown.
     */
    private Uni<UpstreamReply> exchange(Upstream upstream, LegacySseConnection connection, ObjectNode message) {
        String key = connection.key();
        JsonNode id = message.get("id");
        if (!message.has("method") || id == null || id.isNull()) {
            return send(upstream, connection, message).map(response -> {
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    return new UpstreamReply(202, key, List.of());
                }
                return dropIfLost(connection, new UpstreamReply(response.statusCode(), key, messages(response)));
            });
        }
        SharedStreamRequests.Pending waiting = connection.expect(id, message.path("params").path("_meta").get("progressToken"));
        if (waiting == null) {
            return Uni.createFrom().item(LOST);
        }
        send(upstream, connection, message).subscribe().with(response -> {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                connection.refused(waiting, response.statusCode(), messages(response));
            }
        }, failure -> {
            // send closed the connection, which failed the request
        });
        return Uni.createFrom().completionStage(waiting.done)
                .map(reply -> dropIfLost(connection, new UpstreamReply(reply.status(), key, reply.messages())));
    }

    /** An upstream that says it no longer knows the session will not answer on its stream either. */
    private static UpstreamReply dropIfLost(LegacySseConnection connection, UpstreamReply reply) {
        if (reply.sessionLost()) {
            connection.close(() -> new IllegalStateException("upstream " + connection.upstream().id()
                    + " no longer knows its SSE session"));
        }
        return reply;
    }

    private Uni<HttpResponse<Buffer>> send(Upstream upstream, LegacySseConnection connection, ObjectNode message) {
        var post = http.postAbs(connection.target().toString()).timeout(upstream.timeout().toMillis())
                .putHeader("Content-Type", "application/json");
        upstream.headers().forEach(post::putHeader);
        return post.sendBuffer(Buffer.buffer(bytes(message)))
                .onFailure().transform(failure -> failure instanceof TimeoutException ? timedOut(upstream) : failure)
                .onFailure().invoke(failure -> connection.close(() -> failure));
    }

    /** Vert.x's own timeout names the URL, whose query holds the session id: this one names the upstream only. */
    private static TimeoutException timedOut(Upstream upstream) {
        return new TimeoutException("upstream " + upstream.id() + " gave no answer within " + upstream.timeout());
    }

    private void forget(LegacySseConnection closed) {
        String key = closed.key();
        if (key != null) {
            connections.remove(new Held(closed.upstream().id(), key), closed);
        }
    }

    /** A refused POST's body, read as UpstreamClient reads one. */
    private List<ObjectNode> messages(HttpResponse<Buffer> response) {
        return JsonRpcBodies.messages(json, String.valueOf(response.getHeader("content-type")),
                response.bodyAsString() == null ? "" : response.bodyAsString());
    }

    private byte[] bytes(ObjectNode message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
