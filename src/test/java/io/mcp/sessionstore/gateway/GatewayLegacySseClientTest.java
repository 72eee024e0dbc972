package io.mcp.sessionstore.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacySseClientTestResource;
import io.mcp.sessionstore.testing.SseStream;
import io.mcp.sessionstore.testing.UpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Legacy SSE clients (the 2024-11-05 HTTP+SSE transport) on the gateway, in front of a real
 * server-everything that speaks Streamable HTTP, over raw HTTP: the endpoint event, POSTs answered on
 * the stream, reconnection with Last-Event-ID, the session's binding to its key, and the refusals.
 * {@link GatewayLegacySseSdkTest} does the same with the TypeScript SDK's client.
 */
@QuarkusTest
@WithTestResource(LegacySseClientTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseClientTest {

    static final String ROUTE = "/mcp/" + UpstreamTestResource.ID;
    static final String SSE = ROUTE + "/sse";
    static final String CLIENT_KEY = "test-client-key";
    static final Duration WITHIN = Duration.ofSeconds(15);
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2024-11-05",
             "capabilities":{},"clientInfo":{"name":"legacy-test","version":"1"}}}""";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    /** An open legacy stream: its session, the endpoint it announced and that event's id. */
    record Channel(SseStream stream, String session, String endpoint, String endpointId) implements AutoCloseable {

        SseStream.Event message(java.util.function.Predicate<String> data) {
            return stream.until(event -> "message".equals(event.type()) && data.test(event.data()), WITHIN);
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + path);
    }

    static Channel open(String key, String lastEventId) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + key));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        SseStream stream = SseStream.get(uri(SSE), headers);
        assertEquals(200, stream.status());
        SseStream.Event endpoint = stream.next(WITHIN);
        assertEquals("endpoint", endpoint.type(), "the first event names the endpoint");
        String session = endpoint.data().substring(endpoint.data().indexOf("sessionId=") + "sessionId=".length());
        return new Channel(stream, session, endpoint.data(), endpoint.id());
    }

    static Response post(String endpoint, String key, String body) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json").body(body).post(endpoint);
    }

    static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** A stream opened and its session initialized; the initialize answer read. */
    static Channel initialized() {
        Channel channel = open(Api.KEY, null);
        post(channel.endpoint(), Api.KEY, INITIALIZE).then().statusCode(202);
        channel.message(data -> data.contains("\"init\""));
        post(channel.endpoint(), Api.KEY, INITIALIZED).then().statusCode(202);
        return channel;
    }

    @Test
    void streamWhenOpenedThenEndpointEventThenEachAnswerAsAMessageEvent() {
        try (Channel channel = open(Api.KEY, null)) {
            assertEquals(ROUTE + "/messages?sessionId=" + channel.session(), channel.endpoint());
            assertEquals(channel.session() + ".0", channel.endpointId(), "the endpoint event names the session");
            post(channel.endpoint(), Api.KEY, INITIALIZE).then().statusCode(202);
            SseStream.Event initialized = channel.message(data -> data.contains("\"init\""));
            assertTrue(initialized.data().contains("mcp-servers/everything"), "the upstream's own result: " + initialized);
            assertTrue(initialized.id().startsWith(channel.session() + "."), initialized.id());
            post(channel.endpoint(), Api.KEY, INITIALIZED).then().statusCode(202);
            post(channel.endpoint(), Api.KEY, call(2, "echo", "{\"message\":\"over legacy sse\"}")).then().statusCode(202);
            SseStream.Event echoed = channel.message(data -> data.contains("\"id\":2"));
            assertTrue(echoed.data().contains("Echo: over legacy sse"), echoed.data());
            Api.api().get(Api.session(channel.session())).then().statusCode(200)
                    .body("clientTransport", equalTo("sse")).body("upstreamTransport", equalTo("streamable-http"))
                    .body("initialized", equalTo(true)).body("serverId", equalTo(UpstreamTestResource.ID))
                    .body("metrics.requests", equalTo(3)).body("gateway.upstreamGeneration", equalTo(1))
                    .body("clientInfo.name", equalTo("legacy-test"));
        }
    }

    @Test
    void reconnectWhenLastEventIdThenTheSameSessionItsEndpointAgainWhatItMissedThenLive() {
        String session;
        String seen;
        try (Channel channel = initialized()) {
            session = channel.session();
            post(channel.endpoint(), Api.KEY, call(2, "echo", "{\"message\":\"seen\"}")).then().statusCode(202);
            seen = channel.message(data -> data.contains("Echo: seen")).id();
        }
        String endpoint = ROUTE + "/messages?sessionId=" + session;
        post(endpoint, Api.KEY, call(3, "echo", "{\"message\":\"missed\"}")).then().statusCode(202);
        try (Channel back = open(Api.KEY, seen)) {
            assertEquals(session, back.session(), "the same session");
            assertEquals(seen, back.endpointId(), "the endpoint event carries the id it resumed from");
            SseStream.Event missed = back.stream().next(WITHIN);
            assertTrue(missed.data().contains("Echo: missed"), "what it missed comes next, and only that: " + missed);
            post(endpoint, Api.KEY, call(4, "echo", "{\"message\":\"live\"}")).then().statusCode(202);
            assertTrue(back.message(data -> data.contains("\"id\":4")).data().contains("Echo: live"));
        }
        try (Channel fromStart = open(Api.KEY, session + ".0")) {
            assertTrue(fromStart.stream().next(WITHIN).data().contains("\"init\""), "from the start: initialize's answer");
        }
    }

    @Test
    void anotherKeyWhenItPresentsTheSessionThenNotFoundOnTheStreamAndTheEndpoint() {
        try (Channel channel = initialized()) {
            given().header("Authorization", "Bearer " + Api.ROTATED_KEY).header("Last-Event-ID", channel.endpointId())
                    .accept("text/event-stream").get(SSE).then().statusCode(404);
            post(channel.endpoint(), Api.ROTATED_KEY, call(2, "echo", "{\"message\":\"x\"}")).then().statusCode(404)
                    .body(containsString("session not found"));
            post(channel.endpoint(), Api.KEY, call(3, "echo", "{\"message\":\"still mine\"}")).then().statusCode(202);
            assertTrue(channel.message(data -> data.contains("\"id\":3")).data().contains("still mine"));
        }
    }

    @Test
    void refusalsWhenTheRequestIsWrongThenTheStatusAndAJsonRpcErrorNeverAServerError() {
        try (Channel channel = open(Api.KEY, null)) {
            post(channel.endpoint(), Api.KEY, call(1, "echo", "{}")).then().statusCode(400)
                    .body("error.code", equalTo(-32600)).body("error.message", containsString("not initialized"));
            post(channel.endpoint(), Api.KEY, "{not json").then().statusCode(400).body("error.code", equalTo(-32700));
            given().header("Authorization", "Bearer " + Api.KEY).contentType("text/plain").body(INITIALIZE)
                    .post(channel.endpoint()).then().statusCode(415);
            post(channel.endpoint(), Api.KEY, INITIALIZE).then().statusCode(202);
            post(channel.endpoint(), Api.KEY, INITIALIZE).then().statusCode(400)
                    .body("error.message", containsString("initialized already"));
        }
        post(ROUTE + "/messages", Api.KEY, INITIALIZE).then().statusCode(400)
                .body("error.message", containsString("sessionId"));
        post(ROUTE + "/messages?sessionId=no-such-session", Api.KEY, INITIALIZE).then().statusCode(404);
        given().header("Authorization", "Bearer " + Api.KEY).header("Last-Event-ID", "garbage").accept("text/event-stream")
                .get(SSE).then().statusCode(400).body("error.message", containsString("Last-Event-ID"));
        given().header("Authorization", "Bearer " + Api.KEY).accept("application/json").get(SSE).then().statusCode(406);
        given().header("Authorization", "Bearer " + Api.KEY).accept("text/event-stream").get("/mcp/nowhere/sse")
                .then().statusCode(404).body("error.message", containsString("nowhere"));
        String streamable = GatewayTest.initialize();
        given().header("Authorization", "Bearer " + Api.KEY).header("Last-Event-ID", streamable + ".0")
                .accept("text/event-stream").get(SSE).then().statusCode(404);
    }

    /** A call with progress: each notification on the stream as it comes, then the result. */
    @Test
    void longCallWhenItSendsProgressThenEachOnTheStreamAsItComesThenTheResult() {
        try (Channel channel = initialized()) {
            post(channel.endpoint(), Api.KEY, """
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"trigger-long-running-operation",
                     "arguments":{"duration":2,"steps":2},"_meta":{"progressToken":"p"}}}""").then().statusCode(202);
            assertTrue(channel.message(data -> data.contains("notifications/progress")).data().contains("\"progress\":1"));
            SseStream.Event result = channel.message(data -> data.contains("\"id\":7"));
            assertTrue(result.data().contains("Long running operation completed"), result.data());
        }
    }

    /** What the upstream sends outside any request (its standalone stream) reaches the legacy stream too. */
    @Test
    void upstreamMessagesOutsideAnyRequestWhenTheStreamIsOpenThenOnIt() {
        try (Channel channel = initialized()) {
            post(channel.endpoint(), Api.KEY, call(8, "toggle-simulated-logging", "{}")).then().statusCode(202);
            try {
                SseStream.Event logged = channel.message(data -> data.contains("notifications/message"));
                assertTrue(logged.data().contains("\"level\""), logged.data());
            } finally {
                post(channel.endpoint(), Api.KEY, call(9, "toggle-simulated-logging", "{}")).then().statusCode(202);
            }
        }
    }

    /**
     * An open stream keeps its session alive with no request at all (a quarter of the 60 s TTL of
     * this test's configuration), and a quiet stream gets comments (every MCP_LEGACY_SSE_KEEPALIVE).
     */
    @Test
    void quietStreamWhenOpenThenCommentsAndTheSessionKeptAlive() {
        try (Channel channel = open(Api.KEY, null)) {
            Instant opened = Instant.parse(Api.api().get(Api.session(channel.session())).then().statusCode(200)
                    .extract().path("expiresAt"));
            Api.await("a keepalive comment", WITHIN, () -> channel.stream().comments() > 0);
            Api.await("the session's expiry moved on by the open stream", Duration.ofSeconds(30), () -> Instant.parse(
                    Api.api().get(Api.session(channel.session())).then().extract().path("expiresAt")).isAfter(opened));
            Api.api().get(Api.session(channel.session())).then().body("metrics.requests", equalTo(0));
        }
    }

    /** An MCP client key (MCP_CLIENT_KEYS) opens the legacy pair as it opens /mcp/<id>. */
    @Test
    void clientKeyWhenItOpensTheStreamAndPostsThenServed() {
        try (Channel channel = open(CLIENT_KEY, null)) {
            post(channel.endpoint(), CLIENT_KEY, INITIALIZE).then().statusCode(202);
            assertTrue(channel.message(data -> data.contains("\"init\"")).data().contains("mcp-servers/everything"));
        }
    }

    /** Two streams, two sessions: a client without Last-Event-ID gets a new one (and initializes it). */
    @Test
    void streamWithoutLastEventIdWhenOpenedAgainThenANewSession() {
        try (Channel first = initialized(); Channel second = open(Api.KEY, null)) {
            assertNotEquals(first.session(), second.session());
            post(second.endpoint(), Api.KEY, call(1, "echo", "{\"message\":\"x\"}")).then().statusCode(400);
        }
    }
}
