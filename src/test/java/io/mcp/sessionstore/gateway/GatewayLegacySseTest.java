package io.mcp.sessionstore.gateway;

import static io.mcp.sessionstore.mcp.McpTransportTest.ACCEPT_BOTH;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacyUpstreamTestResource;
import io.mcp.sessionstore.testing.SseStream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The gateway in front of a legacy (2024-11-05 HTTP+SSE) server: server-everything in sse mode. */
@QuarkusTest
@WithTestResource(LegacyUpstreamTestResource.class) // its own upstream: a Quarkus of its own
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseTest {

    static final String ROUTE = "/mcp/" + LegacyUpstreamTestResource.ID;

    @Inject
    SessionService sessions;
    @Inject
    UpstreamRegistry upstreams;
    @Inject
    LegacySseUpstream legacy;

    static RequestSpecification mcp(String session) {
        RequestSpecification request = given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH)
                .contentType("application/json").header("MCP-Protocol-Version", "2025-11-25");
        return session == null ? request : request.header("Mcp-Session-Id", session);
    }

    static String initialize() {
        String id = mcp(null).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200)
                .body(containsString("mcp-servers/everything")).extract().header("Mcp-Session-Id");
        mcp(id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(ROUTE).then().statusCode(202);
        return id;
    }

    static String echo(String session, String message) {
        return mcp(session).body("{\"jsonrpc\":\"2.0\",\"id\":\"e\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"" + message + "\"}}}").post(ROUTE).then().statusCode(200).extract().asString();
    }

    @Test
    void passThroughWhenInitializedThenToolsAndACallOverTheUpstreamsSseStream() {
        String session = initialize();
        String tools = mcp(session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post(ROUTE).then()
                .statusCode(200).extract().asString();
        assertTrue(tools.contains("\"echo\"") && tools.contains("trigger-long-running-operation"), tools);
        assertTrue(echo(session, "over sse").contains("Echo: over sse"));
        Api.api().get(Api.session(session)).then().body("upstreamTransport", equalTo("sse"))
                .body("gateway.upstreamGeneration", equalTo(1));
        assertFalse(LegacyUpstreamTestResource.upstream().log().isEmpty());
    }

    /**
     * A tool of a legacy upstream that asks the client (sampling) mid-call: the question is relayed
     * on the client's open stream as it comes, the client's answer reaches the upstream, and the
     * tool's result follows on the same stream.
     */
    @Test
    void samplingWhenALegacyUpstreamAsksTheClientMidCallThenRelayedAndTheResultOnTheSameStream() {
        String session = initialize();
        URI uri = URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + ROUTE);
        java.util.Map<String, String> headers = java.util.Map.of("Authorization", "Bearer " + Api.KEY,
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        try (SseStream call = SseStream.post(uri, headers, """
                {"jsonrpc":"2.0","id":"ls-1","method":"tools/call","params":{"name":"trigger-sampling-request",
                 "arguments":{"prompt":"over sse","maxTokens":5}}}""")) {
            SseStream.Event asked = call.until(event -> event.data().contains("sampling/createMessage"), Duration.ofSeconds(15));
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\"[^\"]+\"|\\d+)").matcher(asked.data());
            assertTrue(id.find(), asked.data());
            mcp(session).body("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":{\"role\":\"assistant\","
                    + "\"content\":{\"type\":\"text\",\"text\":\"legacy words\"},\"model\":\"m\"}}").post(ROUTE)
                    .then().statusCode(202);
            SseStream.Event result = call.until(event -> event.data().contains("\"ls-1\""), Duration.ofSeconds(15));
            assertTrue(result.data().contains("legacy words"), result.data());
        }
    }

    /** The upstream restarted: its SSE stream closed, so the next call re-initializes, with the same client session. */
    @Test
    void upstreamRestartWhenTheStreamClosedThenTheNextCallReinitializesTransparently() {
        String session = initialize();
        assertTrue(echo(session, "before").contains("Echo: before"));
        LegacyUpstreamTestResource.restart();
        assertTrue(echo(session, "after").contains("Echo: after"), "the same Mcp-Session-Id goes on");
        Api.api().get(Api.session(session)).then().body("gateway.upstreamGeneration", equalTo(2))
                .body("gateway.upstreamReinitializations", equalTo(1));
        assertTrue(LegacyUpstreamTestResource.upstream().log().contains("Client Connected"), "a new SSE session");
    }

    /**
     * A session the upstream forgot while its stream stays open (server-everything then never answers
     * the POST): the call fails within the upstream's timeout with 503 and Retry-After, the dead
     * session is dropped, and the next call re-initializes.
     */
    @Test
    void deadSessionWhenThePostIsNeverAnsweredThenServiceUnavailableWithinTheTimeoutAndTheNextCallWorks() {
        String session = initialize();
        Upstream upstream = upstreams.find(LegacyUpstreamTestResource.ID).orElseThrow();
        var link = sessions.findFor(SessionScope.ANY, session).await().atMost(Duration.ofSeconds(5)).upstream();
        String key = upstreams.cipher().open(link.sealedSession(), session, upstream.id());
        URI dead = URI.create(key.replaceFirst("sessionId=[^&]+", "sessionId=forgotten-by-the-upstream"));
        assertTrue(legacy.pointAt(upstream, key, dead));

        long started = System.nanoTime();
        String body = mcp(session).body("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}}").post(ROUTE).then().statusCode(503)
                .header("Retry-After", equalTo(io.mcp.sessionstore.problem.ProblemMappers.RETRY_AFTER_SECONDS)).extract().asString();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(body.contains("gave no answer within PT2S") && body.contains("\"d\""), body);
        assertTrue(tookMillis >= 1_900 && tookMillis < 10_000, "bounded by the 2 s timeout, took " + tookMillis + " ms");

        assertTrue(echo(session, "again").contains("Echo: again"), "the next call re-initializes");
        Api.api().get(Api.session(session)).then().body("gateway.upstreamGeneration", equalTo(2));
        assertEquals(-1, Api.api().get(Api.session(session)).asString().indexOf("legacy-header-secret-value"));
    }
}
