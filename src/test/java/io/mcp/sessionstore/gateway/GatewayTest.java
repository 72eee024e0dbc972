package io.mcp.sessionstore.gateway;

import static io.mcp.sessionstore.mcp.McpTransportTest.ACCEPT_BOTH;
import static io.mcp.sessionstore.mcp.McpTransportTest.events;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.SseStream;
import io.mcp.sessionstore.testing.UpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The gateway in front of a real server-everything: pass-through, binding, and a transparent re-initialize. */
@QuarkusTest
@WithTestResource(UpstreamTestResource.class) // its own upstream: a Quarkus of its own, in-process and packaged (the ITs)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayTest {

    static final String ROUTE = "/mcp/" + UpstreamTestResource.ID;
    /** A client with the capabilities that make server-everything list its capability-dependent tools. */
    public static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{"roots":{"listChanged":true},"sampling":{},"elicitation":{}},
             "clientInfo":{"name":"gateway-test","version":"1"}}}""";

    static RequestSpecification mcp(String key) {
        return given().header("Authorization", "Bearer " + key).accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
    }

    static String initialize() {
        String id = mcp(Api.KEY).body(INITIALIZE).post(ROUTE).then().statusCode(200).extract().header("Mcp-Session-Id");
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post(ROUTE).then().statusCode(202);
        return id;
    }

    static List<String> toolNames(String session) {
        String sse = mcp(Api.KEY).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post(ROUTE).then().statusCode(200)
                .extract().asString();
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("\"name\":\"([^\"]+)\",\"title\"").matcher(sse);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    static long upstreamInitializes() {
        return UpstreamTestResource.upstream().log().lines().filter(line -> line.contains("Session initialized with ID")).count();
    }

    @Test
    void passThroughWhenInitializedThenUpstreamToolsAndCallsAndNoUpstreamSecretInTheRow() {
        String session = initialize();
        List<String> tools = toolNames(session);
        assertTrue(tools.contains("echo") && tools.contains("trigger-sampling-request"), tools.toString());

        String sse = mcp(Api.KEY).header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"through the gateway"}}}""")
                .post(ROUTE).then().statusCode(200).extract().asString();
        assertTrue(events(sse).getLast()[1].contains("Echo: through the gateway"), sse);

        Api.api().get(Api.session(session)).then().statusCode(200).body("serverId", equalTo(UpstreamTestResource.ID))
                .body("upstreamTransport", equalTo("streamable-http")).body("gateway.upstreamGeneration", equalTo(1))
                .body("gateway.upstreamReinitializedAt", nullValue())
                .body("gateway.clientInitialize.clientInfo.name", equalTo("gateway-test"))
                .body("gateway.upstreamInitializeResult.serverInfo.name", equalTo("mcp-servers/everything"))
                .body("metrics.toolCalls", equalTo(1)).body("recentToolCalls[0].name", equalTo("echo"));
        Matcher logged = Pattern.compile("Session initialized with ID: (\\S+)").matcher(UpstreamTestResource.upstream().log());
        String upstreamSession = null;
        while (logged.find()) {
            upstreamSession = logged.group(1);
        }
        String row = PostgresTestResource.database().queryString(
                "SELECT row_to_json(s)::text FROM sessions s WHERE id = ?", session);
        assertFalse(row.contains(upstreamSession) || row.contains(UpstreamTestResource.HEADER_SECRET), row);
        assertFalse(Api.api().get(Api.session(session)).asString().contains(upstreamSession));

        Api.api().get("/session-health").then().statusCode(200)
                .body("upstreams.find { it.id == 'everything' }.active_sessions", org.hamcrest.Matchers.greaterThan(0))
                .body("upstreams.find { it.id == 'everything' }.calls", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                .body("upstreams.find { it.id == 'everything' }.mean_latency_ms", org.hamcrest.Matchers.greaterThan(0f))
                .body("upstreams.find { it.id == 'everything' }.max_latency_ms", org.hamcrest.Matchers.greaterThan(0f));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("mcp_gateway_upstream_calls_seconds_count{outcome=\"ok\",upstream=\"everything\"}"),
                metrics.lines().filter(line -> line.contains("gateway")).toList().toString());
    }

    @Test
    void routeWhenAnotherKeyOrRouteOrUpstreamThenNotFound() {
        String session = initialize();
        mcp(Api.ROTATED_KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post(ROUTE).then().statusCode(404);
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(404);
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp/nowhere").then().statusCode(404).body("error.code", equalTo(-32600));
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post(ROUTE).then().statusCode(200);
    }

    @Test
    void upstreamRestartWhenTenConcurrentCallsThenOneReinitializeAndTheSameClientSessionAndTools() {
        String session = initialize();
        List<String> before = toolNames(session);
        UpstreamTestResource.restart();
        assertEquals(0, upstreamInitializes(), "a new upstream process knows no session");

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(10); // ten at once, not one after another
        try {
            for (int i = 0; i < 10; i++) {
                int id = 100 + i;
                calls.add(CompletableFuture.supplyAsync(() -> mcp(Api.KEY).header("Mcp-Session-Id", session)
                        .body("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                                + "\"arguments\":{\"message\":\"" + id + "\"}}}")
                        .post(ROUTE).statusCode(), clients));
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
                    calls.stream().map(CompletableFuture::join).toList());
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, upstreamInitializes(), "exactly one re-initialize: " + UpstreamTestResource.upstream().log());
        assertEquals(before, toolNames(session), "re-initialized with the client's own capabilities");
        Api.api().get(Api.session(session)).then().body("gateway.upstreamGeneration", equalTo(2))
                .body("gateway.upstreamReinitializations", equalTo(1))
                .body("gateway.lastUpstreamError", equalTo("upstream answered HTTP 400 for its session"))
                .body("gateway.upstreamReinitializedAt", org.hamcrest.Matchers.notNullValue());
        assertTrue(given().get("/q/metrics").asString()
                .contains("mcp_gateway_upstream_reinitializations_total{upstream=\"everything\"}"));
    }

    @Test
    void setupWhenUpstreamRestartedThenLevelAndSubscriptionsReplayedOnTheNewUpstreamSession() {
        String session = initialize();
        String uri = "demo://resource/static/document/architecture.md";
        call(session, "logging/setLevel", "{\"level\":\"warning\"}");
        call(session, "logging/setLevel", "{\"level\":\"debug\"}");
        call(session, "resources/subscribe", "{\"uri\":\"" + uri + "\"}");
        call(session, "resources/subscribe", "{\"uri\":\"demo://other\"}");
        call(session, "resources/unsubscribe", "{\"uri\":\"demo://other\"}");
        Api.api().get(Api.session(session)).then().body("gateway.upstreamSetup.size()", equalTo(2))
                .body("gateway.upstreamSetup[0].params.level", equalTo("debug"))
                .body("gateway.upstreamSetup[1].params.uri", equalTo(uri));

        UpstreamTestResource.restart();
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}")
                .post(ROUTE).then().statusCode(200);
        long posts = UpstreamTestResource.upstream().log().lines().filter(line -> line.contains("Received MCP POST")).count();
        assertEquals(6, posts, "the lost ping, initialize, initialized, the level, the subscription, the ping again: "
                + UpstreamTestResource.upstream().log());
    }

    private static void call(String session, String method, String params) {
        String sse = mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":\"" + method
                + "\",\"method\":\"" + method + "\",\"params\":" + params + "}").post(ROUTE).then().statusCode(200)
                .extract().asString();
        assertTrue(events(sse).getLast()[1].contains("\"result\""), sse);
    }

    /**
     * A tool that asks the client (sampling) before it can answer: the stream carries the upstream's
     * request while it stays open, the client answers it with a POST, and the tool's result comes on
     * the same stream; a client that lost the stream gets the result by resuming it with Last-Event-ID.
     */
    @Test
    void samplingWhenTheUpstreamAsksTheClientThenRequestRelayedAnswerForwardedAndResultOnTheOpenAndTheResumedStream() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"sample-1","method":"tools/call","params":{"name":"trigger-sampling-request",
                 "arguments":{"prompt":"hello","maxTokens":10}}}""")) {
            assertEquals(200, call.status());
            SseStream.Event asked = call.until(event -> event.data().contains("sampling/createMessage"), WITHIN);
            Matcher idOf = Pattern.compile("\"id\":(\\d+|\"[^\"]+\")").matcher(asked.data());
            assertTrue(idOf.find(), asked.data());
            assertTrue(idOf.group(1).startsWith("\"u1-"), "the upstream's id with its generation: " + idOf.group(1));
            mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":\"u0-0\",\"result\":{}}")
                    .post(ROUTE).then().statusCode(202); // an answer to an older upstream session: dropped
            mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":" + idOf.group(1)
                    + ",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"sampled words\"},"
                    + "\"model\":\"test-model\"}}").post(ROUTE).then().statusCode(202);
            SseStream.Event result = call.until(event -> event.data().contains("\"sample-1\""), WITHIN);
            assertTrue(result.data().contains("sampled words"), result.data());
            assertTrue(call.endsWithin(WITHIN), "the stream ends after the response");

            try (SseStream resumed = SseStream.get(uri(), resumeHeaders(session, asked.id()))) {
                assertEquals(200, resumed.status());
                assertEquals(result.data(), resumed.until(event -> event.data().contains("\"sample-1\""), WITHIN).data());
                assertTrue(resumed.endsWithin(WITHIN), "a resumed stream that has its response ends");
            }
        }
    }

    static final Duration WITHIN = Duration.ofSeconds(15);

    static URI uri() {
        return URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + ROUTE);
    }

    static Map<String, String> headers(String session) {
        return Map.of("Authorization", "Bearer " + Api.KEY, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }

    static Map<String, String> resumeHeaders(String session, String lastEventId) {
        return Map.of("Authorization", "Bearer " + Api.KEY, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25",
                "Last-Event-ID", lastEventId);
    }

    /**
     * A long call with progress: the first progress goes out at once and the rest as the upstream
     * sends it, each event stored first; a client that resumes mid-call follows the stream to its result.
     */
    @Test
    void progressWhenALongCallRunsThenEachProgressLiveAndAResumedStreamFollowsToTheResult() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"long-1","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":3,"steps":3},"_meta":{"progressToken":"p-1"}}}""")) {
            assertEquals(200, call.status());
            SseStream.Event first = call.until(event -> event.data().contains("notifications/progress"), WITHIN);
            assertTrue(first.data().contains("\"p-1\""), first.data());
            try (SseStream resumed = SseStream.get(uri(), resumeHeaders(session, first.id()))) {
                SseStream.Event next = resumed.next(WITHIN);
                assertTrue(next.data().contains("notifications/progress"), "the resumed stream goes on: " + next.data());
                SseStream.Event result = resumed.until(event -> event.data().contains("\"long-1\""), WITHIN);
                assertTrue(result.data().contains("result"), result.data());
                assertEquals(result, call.until(event -> event.data().contains("\"long-1\""), WITHIN),
                        "the same event, with the same id, on both");
            }
        }
        Api.await("the call recorded when it ended, with its whole duration", WITHIN, () -> {
            Integer duration = Api.api().get(Api.session(session)).then().statusCode(200).extract().path(
                    "recentToolCalls.find { it.name == 'trigger-long-running-operation' }.durationMs");
            return duration != null && duration >= 2_500;
        });
    }

    /**
     * The upstream's own standalone stream: what it sends outside any request (here server-everything's
     * simulated logging) reaches the client's GET stream, stored like any event.
     */
    @Test
    void standaloneStreamWhenTheUpstreamSendsOutsideARequestThenTheClientsGetStreamCarriesIt() {
        String session = initialize();
        try (SseStream listening = SseStream.get(uri(), headers(session))) {
            assertEquals(200, listening.status());
            SseStream.Event primed = listening.next(WITHIN);
            assertEquals("", primed.data(), "primed first");
            call(session, "tools/call", "{\"name\":\"toggle-simulated-logging\",\"arguments\":{}}");
            try {
                SseStream.Event logged = listening.until(event -> event.data().contains("notifications/message"), WITHIN);
                assertTrue(logged.id() != null && logged.data().contains("\"level\""), logged.data());
            } finally {
                call(session, "tools/call", "{\"name\":\"toggle-simulated-logging\",\"arguments\":{}}");
            }
        }
    }

    /**
     * A 2026-07-28 client (no sessions) through the gateway: server/discover describes the upstream,
     * and tools/calls are answered as that revision says, with no session header; the calls of one
     * key share one upstream session (one upstream initialize for both), which is opened again when
     * the upstream lost it.
     */
    @Test
    void revision20260728WhenAClientHasNoSessionThenDiscoverAndToolsCallsAnsweredOnTheKeysUpstreamSession() {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}";
        given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "server/discover")
                .body("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" + meta + "}}")
                .post(ROUTE).then().statusCode(200).body("result.capabilities.tools", org.hamcrest.Matchers.notNullValue());
        java.util.function.Consumer<String> echo = message -> given().header("Authorization", "Bearer " + Api.ROTATED_KEY)
                .accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"message\":\"" + message + "\"}," + meta + "}}")
                .post(ROUTE).then().statusCode(200).header("Mcp-Session-Id", nullValue()).body("id", equalTo(1))
                .body("result.content[0].text", equalTo("Echo: " + message)).body("result.resultType", equalTo("complete"));
        long initializedBefore = upstreamInitializes();
        echo.accept("stateless");
        echo.accept("same upstream session");
        assertEquals(initializedBefore + 1, upstreamInitializes(), "one upstream session for the key's two calls");

        String tools = given().header("Authorization", "Bearer " + Api.ROTATED_KEY).accept(ACCEPT_BOTH)
                .contentType("application/json").header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + meta + "}}")
                .post(ROUTE).then().statusCode(200).extract().asString();
        assertTrue(tools.contains("\"echo\"") && !tools.contains("trigger-sampling-request"),
                "no client capabilities offered: no tool that asks the client: " + tools);

        UpstreamTestResource.restart();
        echo.accept("after the upstream restarted");
        assertEquals(1, upstreamInitializes(), "opened again on the restarted upstream");
    }

    /**
     * A long call that sends no progress goes live too once MCP_GATEWAY_LIVE_AFTER (2 s) passed
     * without its response: the client's stream opens, primed, and a client that resumes it from
     * there follows it to the result.
     */
    @Test
    void longCallWithoutProgressWhenNoResponseForAWhileThenItsStreamGoesLiveAndCanBeResumed() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"quiet-1","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":5,"steps":1}}}""")) {
            SseStream.Event primed = call.next(WITHIN);
            assertEquals("", primed.data(), "the stream opened before the response: primed");
            try (SseStream resumed = SseStream.get(uri(), resumeHeaders(session, primed.id()))) {
                assertTrue(resumed.until(event -> event.data().contains("\"quiet-1\""), WITHIN).data()
                        .contains("Long running operation completed"));
            }
            assertTrue(call.until(event -> event.data().contains("\"quiet-1\""), WITHIN).data().contains("result"));
        }

        // a 2025-06-18 client gets no priming event: its live stream starts empty and still ends with the result
        String older = given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                .body(INITIALIZE.replace("2025-11-25", "2025-06-18")).post(ROUTE).then().statusCode(200).extract()
                .header("Mcp-Session-Id");
        try (SseStream call = SseStream.post(uri(), Map.of("Authorization", "Bearer " + Api.KEY, "Mcp-Session-Id", older,
                "MCP-Protocol-Version", "2025-06-18"), """
                {"jsonrpc":"2.0","id":"quiet-2","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":3,"steps":1}}}""")) {
            SseStream.Event first = call.next(WITHIN);
            assertTrue(first.data().contains("\"quiet-2\"") && first.data().contains("result"), first.data());
            assertTrue(call.endsWithin(WITHIN), "and ends there");
        }
    }

    /**
     * A client that goes away mid-call does not cancel it: the result is stored all the same, and
     * the client resuming its stream later gets it. One that cancels does: the cancellation reaches
     * the upstream (which then sends no response) and the gateway's call ends without an error.
     */
    @Test
    void callWhenTheClientDisconnectsThenItGoesOnAndWhenItCancelsThenItsCallEnds() {
        String session = initialize();
        SseStream.Event progress;
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"away-1","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":2,"steps":2},"_meta":{"progressToken":"away"}}}""")) {
            progress = call.until(event -> event.data().contains("notifications/progress"), WITHIN);
        }
        try (SseStream resumed = SseStream.get(uri(), resumeHeaders(session, progress.id()))) {
            assertTrue(resumed.until(event -> event.data().contains("\"away-1\""), WITHIN).data()
                    .contains("Long running operation completed"), "the call went on without its client");
        }

        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"cancel-1","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":30,"steps":30},"_meta":{"progressToken":"cancel"}}}""")) {
            call.until(event -> event.data().contains("notifications/progress"), WITHIN);
            assertEquals(1, calls(session, "\"cancel-1\""), "the relayed call is in flight");
            mcp(Api.KEY).header("Mcp-Session-Id", session).body("""
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"cancel-1","reason":"test"}}""")
                    .post(ROUTE).then().statusCode(202);
            Api.await("the cancelled call to end", WITHIN, () -> calls(session, "\"cancel-1\"") == 0);
        }
    }

    private static long calls(String session, String requestId) {
        return PostgresTestResource.database().queryLong(
                "SELECT count(*) FROM gateway_calls WHERE session_id = ? AND request_id = ?", session, requestId);
    }

    /**
     * The upstream itself killed in the middle of a long call: its stream breaks, the gateway tries to
     * resume it, the restarted upstream knows no such session, and the client gets a JSON-RPC error
     * for its request on the stream it is reading, never silence.
     */
    @Test
    void upstreamKilledMidCallWhenItCannotResumeThenTheClientGetsAnErrorForThatRequest() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"cut-1","method":"tools/call","params":{"name":"trigger-long-running-operation",
                 "arguments":{"duration":20,"steps":20},"_meta":{"progressToken":"cut"}}}""")) {
            call.until(event -> event.data().contains("notifications/progress"), WITHIN);
            UpstreamTestResource.restart();
            SseStream.Event end = call.until(event -> event.data().contains("\"cut-1\""), WITHIN);
            assertTrue(end.data().contains("\"error\"") && end.data().contains("answered HTTP 400 to resuming the stream"),
                    "the restarted upstream knows no such session: " + end.data());
            assertTrue(call.endsWithin(WITHIN), "the stream ends with the error");
        }
    }

    /** A link no configured key opens (its key rotated out, or the row tampered with): 404, never a 500. */
    @Test
    void linkWhenNoKeyOpensItThenSessionNotFoundAndTheClientReinitializes() {
        String session = initialize();
        PostgresTestResource.database().update(
                "UPDATE sessions SET upstream_session = decode('00112233445566778899aabbccddeeff00112233445566778899', 'hex') "
                        + "WHERE id = ?", session);
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post(ROUTE).then().statusCode(404).body("error.message", org.hamcrest.Matchers.containsString("initialize"));
        initialize();
    }

    @Test
    void deleteWhenSessionEndsThenTheUpstreamSessionEndsToo() {
        String session = initialize();
        given().header("Authorization", "Bearer " + Api.KEY).header("Mcp-Session-Id", session).delete(ROUTE).then()
                .statusCode(204);
        Api.await("the upstream to receive the DELETE", java.time.Duration.ofSeconds(10), () -> UpstreamTestResource
                .upstream().log().contains("Received session termination request"));
        mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post(ROUTE).then().statusCode(404);
        Api.api().get(Api.session(session)).then().statusCode(404).body("gateway", nullValue());
    }

    @Test
    void upstreamDownWhenCalledThenServiceUnavailableWithRetryAfter() {
        String session = initialize();
        UpstreamTestResource.upstream().kill();
        try {
            mcp(Api.KEY).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}")
                    .post(ROUTE).then().statusCode(503).header("Retry-After", "5").body("error.code", equalTo(-32603))
                    .body("id", equalTo(7));
        } finally {
            UpstreamTestResource.restart();
        }
    }
}
