package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServerEverything;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** The 2024-11-05 HTTP+SSE client against a real server-everything in sse mode (GET /sse, POST /message). */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class LegacySseUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "legacy-sse-test-secret";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05",
             "capabilities":{},"clientInfo":{"name":"legacy-sse-test","version":"1"}}}""";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    /** Bounds the test's own waits: far above any timeout an upstream here is given. */
    private static final Duration AWAIT = Duration.ofSeconds(60);

    private Vertx vertx;
    private LegacySseUpstream client;
    private ServerEverything server;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        client = new LegacySseUpstream(vertx, JSON);
        server = new ServerEverything("sse").start();
    }

    @AfterEach
    void close() {
        try {
            client.close();
            vertx.closeAndAwait();
        } finally {
            server.close();
        }
    }

    @Test
    void initializeThenToolsOnTheSessionItsStreamHolds() {
        Upstream upstream = upstream(Duration.ofSeconds(15));
        UpstreamReply initialized = client.post(upstream, null, message(INITIALIZE)).await().atMost(AWAIT);
        assertEquals(200, initialized.status(), initialized.toString());
        String key = initialized.sessionId();
        assertTrue(key != null && key.startsWith("http://127.0.0.1:" + server.port() + "/message?sessionId="), key);
        ObjectNode result = response(initialized, 1);
        assertEquals("mcp-servers/everything", result.path("result").path("serverInfo").path("name").asText(), result.toString());

        UpstreamReply accepted = post(upstream, key, INITIALIZED);
        assertEquals(202, accepted.status());
        assertEquals(List.of(), accepted.messages());

        UpstreamReply tools = post(upstream, key, TOOLS_LIST);
        assertEquals(200, tools.status());
        // sent on the stream after notifications/initialized (its tools depend on the client's capabilities),
        // while nothing was pending: kept, and given to the next request
        assertEquals("notifications/tools/list_changed", tools.messages().getFirst().path("method").asText(),
                tools.messages().toString());
        List<String> names = new ArrayList<>();
        response(tools, 2).path("result").path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        assertTrue(names.contains("echo"), names.toString());

        UpstreamReply echo = post(upstream, key, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}""");
        assertEquals("Echo: hi", response(echo, 3).path("result").path("content").path(0).path("text").asText(),
                echo.messages().toString());
    }

    /** Two tools at once on one stream: each reply holds its own progress, in order, then its response. */
    @Test
    void longRunningToolsWhenConcurrentThenEachReplyHasItsOwnProgressBeforeItsResponse() {
        Upstream upstream = upstream(Duration.ofSeconds(15));
        String key = initialize(upstream);
        Uni<UpstreamReply> first = client.post(upstream, key, message(longRunning(4, 1, 3, "p1")));
        Uni<UpstreamReply> second = client.post(upstream, key, message(longRunning(5, 1, 2, "p2")));
        List<UpstreamReply> replies = Uni.join().all(first, second).andFailFast().await().atMost(AWAIT);

        assertProgressThenResponse(replies.get(0), 4, "p1", 3);
        assertProgressThenResponse(replies.get(1), 5, "p2", 2);
    }

    /** The stream's end fails what is pending at once; the key is then unknown here (404), and a new session works. */
    @Test
    void upstreamRestartedWhenRequestPendingThenItFailsAtOnceAndTheOldKeyIs404() {
        Upstream upstream = upstream(Duration.ofSeconds(30));
        String key = initialize(upstream);
        var pending = client.post(upstream, key, message(longRunning(4, 20, 1, "slow")))
                .onItemOrFailure().transform((reply, failure) -> failure).subscribeAsCompletionStage();
        Api.await("the long tool's POST to reach the upstream", Duration.ofSeconds(10),
                () -> server.log().lines().filter(line -> line.contains("Client Message from")).count() == 3);

        long stopped = System.nanoTime();
        server.close();
        Throwable failure = pending.toCompletableFuture().orTimeout(AWAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        // whichever of its two connections the stop closes first: the stream, or the POST still waiting on its 202
        assertTrue(failure instanceof IllegalStateException && "upstream legacy closed its SSE stream".equals(failure.getMessage())
                || failure instanceof io.vertx.core.http.HttpClosedException, String.valueOf(failure));
        assertTrue(seconds(stopped) < 10, "failed when the stream closed, not after the 30 s timeout: " + seconds(stopped));

        server = new ServerEverything("sse", server.port()).start();
        long asked = System.nanoTime();
        UpstreamReply lost = post(upstream, key, TOOLS_LIST);
        assertEquals(404, lost.status());
        assertTrue(lost.sessionLost());
        assertTrue(seconds(asked) < 5, "at once, not after the timeout: " + seconds(asked));

        String renewed = initialize(upstream);
        assertNotEquals(key, renewed);
        assertEquals(200, post(upstream, renewed, TOOLS_LIST).status());
    }

    /**
     * server-everything never answers a POST for a session it does not know: the POST is bounded by
     * the timeout, and the session is dropped, so the next call is 404 and the gateway initializes again.
     */
    @Test
    void postNeverAnsweredWhenTimeoutPassesThenTimeoutExceptionAndTheKeyIs404() {
        Upstream upstream = upstream(Duration.ofSeconds(1));
        String key = initialize(upstream);
        String sessionId = sessionId(key);
        URI unknown = URI.create("http://127.0.0.1:" + server.port() + "/message?sessionId=not-a-session");
        assertTrue(client.pointAt(upstream, key, unknown));

        long asked = System.nanoTime();
        Throwable failure = failureOf(client.post(upstream, key, message(TOOLS_LIST)));
        double took = seconds(asked);
        assertInstanceOf(TimeoutException.class, failure);
        assertEquals("upstream legacy gave no answer within PT1S", failure.getMessage());
        assertTrue(took >= 0.9 && took < 5, "bounded by the 1 s timeout: " + took);
        assertTrue(server.log().contains("No transport found for sessionId not-a-session"), server.log());
        Api.await("server-everything to see the stream closed", Duration.ofSeconds(10),
                () -> server.log().contains("Client Disconnected:  " + sessionId));

        assertEquals(404, post(upstream, key, TOOLS_LIST).status());
    }

    /** The bound is between two messages for a request: progress keeps a tool longer than the timeout alive; silence does not. */
    @Test
    void responseLateWhenProgressComesThenAnsweredElseTimeoutExceptionAndTheKeyIs404() {
        Upstream upstream = upstream(Duration.ofSeconds(1));
        String key = initialize(upstream);
        assertProgressThenResponse(post(upstream, key, longRunning(4, 2.1, 3, "steady")), 4, "steady", 3);

        long asked = System.nanoTime();
        Throwable failure = failureOf(client.post(upstream, key, message(longRunning(5, 3, 1, "silent"))));
        double took = seconds(asked);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(took >= 0.9 && took < 5, "bounded by the 1 s timeout: " + took);
        assertEquals(404, post(upstream, key, TOOLS_LIST).status());
    }

    @Test
    void deleteWhenHeldThenStreamClosedAndTheKeyIs404() {
        Upstream upstream = upstream(Duration.ofSeconds(15));
        String key = initialize(upstream);
        String sessionId = sessionId(key);

        assertEquals(200, client.delete(upstream, key).await().atMost(AWAIT));
        Api.await("server-everything to see the stream closed", Duration.ofSeconds(10),
                () -> server.log().contains("Client Disconnected:  " + sessionId));
        assertEquals(404, post(upstream, key, TOOLS_LIST).status());
        assertEquals(404, client.delete(upstream, key).await().atMost(AWAIT));
        assertFalse(server.log().contains(SECRET), "the upstream's log shows no header value");
    }

    private Upstream upstream(Duration timeout) {
        return new Upstream("legacy", Upstream.Transport.SSE, URI.create(server.url()),
                Map.of("Authorization", "Bearer " + SECRET), timeout);
    }

    /** initialize, then notifications/initialized: the key of a ready session. */
    private String initialize(Upstream upstream) {
        UpstreamReply reply = post(upstream, null, INITIALIZE);
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(202, post(upstream, reply.sessionId(), INITIALIZED).status());
        return reply.sessionId();
    }

    private UpstreamReply post(Upstream upstream, String key, String message) {
        return client.post(upstream, key, message(message)).await().atMost(AWAIT);
    }

    private static Throwable failureOf(Uni<UpstreamReply> call) {
        Throwable failure = call.onItemOrFailure().transform((reply, thrown) -> thrown).await().atMost(AWAIT);
        assertTrue(failure != null, "the call failed");
        assertFalse(String.valueOf(failure.getMessage()).contains(SECRET), "no header value in " + failure);
        return failure;
    }

    private static String longRunning(int id, double duration, int steps, String token) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":%s,"steps":%d},"_meta":{"progressToken":"%s"}}}""".formatted(id, duration, steps, token);
    }

    /**
     * Its progress, every step with its token, in order, then its response; other notifications (the
     * list_changed that follows notifications/initialized) may come first.
     */
    private static void assertProgressThenResponse(UpstreamReply reply, int id, String token, int steps) {
        List<ObjectNode> messages = reply.messages();
        assertEquals(200, reply.status());
        List<ObjectNode> progresses = messages.stream()
                .filter(message -> message.path("method").asText().equals("notifications/progress")).toList();
        assertEquals(steps, progresses.size(), messages.toString());
        for (int step = 1; step <= steps; step++) {
            ObjectNode progress = progresses.get(step - 1);
            assertEquals("notifications/progress", progress.path("method").asText(), progress.toString());
            assertEquals(token, progress.path("params").path("progressToken").asText(), progress.toString());
            assertEquals(step, progress.path("params").path("progress").asInt(), progress.toString());
        }
        assertTrue(response(reply, id).path("result").path("content").path(0).path("text").asText()
                .startsWith("Long running operation completed"), messages.toString());
    }

    /** The reply's last message, which must be the response to this id. */
    private static ObjectNode response(UpstreamReply reply, int id) {
        assertFalse(reply.messages().isEmpty(), reply.toString());
        ObjectNode last = reply.messages().getLast();
        assertEquals(id, last.path("id").asInt(), reply.messages().toString());
        return last;
    }

    private static String sessionId(String key) {
        return key.substring(key.indexOf("sessionId=") + "sessionId=".length());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static ObjectNode message(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
