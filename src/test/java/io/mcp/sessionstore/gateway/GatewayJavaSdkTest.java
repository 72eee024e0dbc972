package io.mcp.sessionstore.gateway;

import static io.mcp.sessionstore.mcp.McpTransportTest.ACCEPT_BOTH;
import static io.mcp.sessionstore.mcp.McpTransportTest.events;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.JavaSdkUpstream;
import io.mcp.sessionstore.testing.JavaSdkUpstreamTestResource;
import io.mcp.sessionstore.testing.SseStream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway in front of an MCP server written with the MCP Java SDK ({@link JavaSdkUpstream}):
 * the behaviours {@link GatewayTest} proves against the TypeScript server-everything, against a
 * second implementation that answers in its own way (a lost session is a 404, its event ids are not
 * unique, it cannot resume a stream).
 */
@QuarkusTest
@WithTestResource(JavaSdkUpstreamTestResource.class) // its own upstream: a Quarkus of its own, in-process and packaged (the ITs)
class GatewayJavaSdkTest {

    static final String ROUTE = "/mcp/" + JavaSdkUpstreamTestResource.ID;
    static final Duration WITHIN = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A client that can sample: the SDK's exchange refuses sampling/createMessage to any other. */
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{"sampling":{}},"clientInfo":{"name":"java-sdk-gateway-test","version":"1"}}}""";

    @Test
    void passThroughWhenInitializedThenTheJavaSdkServerInfoItsThreeToolsAndTheSum() {
        ExtractableResponse<Response> initialized = mcp().body(INITIALIZE).post(ROUTE).then().statusCode(200).extract();
        JsonNode result = lastMessage(initialized.asString());
        assertEquals(JavaSdkUpstream.NAME, result.at("/result/serverInfo/name").asText(), result.toString());
        String session = initialized.header("Mcp-Session-Id");
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post(ROUTE).then().statusCode(202);

        JsonNode tools = lastMessage(mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post(ROUTE).then().statusCode(200)
                .extract().asString());
        List<String> names = new ArrayList<>();
        tools.at("/result/tools").forEach(tool -> names.add(tool.path("name").asText()));
        assertEquals(List.of("add", "slow-count", "ask-the-client"), names, tools.toString());

        assertEquals("5", sum(session, 2, 3));
        Api.api().get(Api.session(session)).then().statusCode(200).body("serverId", equalTo(JavaSdkUpstreamTestResource.ID))
                .body("gateway.upstreamInitializeResult.serverInfo.name", equalTo(JavaSdkUpstream.NAME))
                .body("recentToolCalls[0].name", equalTo("add"));
    }

    /**
     * Clients on the older protocol versions: the version the upstream answered is the session's, and
     * the upstream gets it as MCP-Protocol-Version on every later request (the client's own header is
     * checked by the gateway, the upstream's is the session's).
     */
    @Test
    void olderProtocolWhenAClientInitializesWithItThenTheUpstreamGetsTheNegotiatedVersionOnEachCall() {
        for (String requested : List.of("2025-03-26", "2025-06-18")) {
            ExtractableResponse<Response> initialized = given().header("Authorization", "Bearer " + Api.KEY)
                    .accept(ACCEPT_BOTH).contentType("application/json").body(INITIALIZE.replace("2025-11-25", requested))
                    .post(ROUTE).then().statusCode(200).extract();
            String negotiated = lastMessage(initialized.asString()).at("/result/protocolVersion").asText();
            assertEquals(requested, negotiated, "the SDK server speaks " + requested);
            String session = initialized.header("Mcp-Session-Id");
            given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                    .header("MCP-Protocol-Version", negotiated).header("Mcp-Session-Id", session)
                    .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(ROUTE).then().statusCode(202);
            int before = JavaSdkUpstreamTestResource.upstream().protocolVersions().size();
            String sse = given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                    .header("MCP-Protocol-Version", negotiated).header("Mcp-Session-Id", session)
                    .body("{\"jsonrpc\":\"2.0\",\"id\":\"old\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                            + "\"arguments\":{\"a\":1,\"b\":1}}}").post(ROUTE).then().statusCode(200).extract().asString();
            assertEquals("2", lastMessage(sse).at("/result/content/0/text").asText(), sse);
            List<String> seen = JavaSdkUpstreamTestResource.upstream().protocolVersions();
            assertEquals(List.of(negotiated), seen.subList(before, seen.size()), "forwarded on the call");
        }
    }

    /**
     * The Java SDK's server answers a session it does not know with 404 (server-everything: 400 and
     * -32000): the gateway must take that as a lost session too, initialize once, and send the call again.
     */
    @Test
    void upstreamRestartWhenTheSdkAnswers404ThenOneReinitializeAndTheSameClientSessionGoesOn() {
        String session = initialize();
        assertEquals("5", sum(session, 2, 3));
        JavaSdkUpstream upstream = JavaSdkUpstreamTestResource.restart();
        assertEquals(0, upstream.initializes(), "a restarted upstream knows no session");

        assertEquals("9", sum(session, 4, 5));
        assertEquals(1, upstream.initializes(), "the gateway initialized the new upstream once");
        assertEquals("3", sum(session, 1, 2));
        assertEquals(1, upstream.initializes(), "and kept the new upstream session");
        Api.api().get(Api.session(session)).then().body("gateway.upstreamGeneration", equalTo(2))
                .body("gateway.upstreamReinitializations", equalTo(1))
                .body("gateway.lastUpstreamError", equalTo("upstream answered HTTP 404 for its session"));
    }

    /**
     * A long call: each progress reaches the client while the upstream is still counting (the
     * gateway streams the call once its first progress comes), each once and in order, then the result.
     */
    @Test
    void progressWhenSlowCountRunsThenEachStepLiveAndOnceBeforeTheResult() {
        String session = initialize();
        JavaSdkUpstream upstream = JavaSdkUpstreamTestResource.upstream();
        int finishedBefore = upstream.slowCountsFinished();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"count-1","method":"tools/call","params":{"name":"slow-count",
                 "arguments":{"steps":5},"_meta":{"progressToken":"token-5"}}}""")) {
            assertEquals(200, call.status());
            SseStream.Event event = call.until(e -> e.data().contains("notifications/progress"), WITHIN);
            assertEquals(finishedBefore, upstream.slowCountsFinished(),
                    "the first progress came while the upstream was still counting: streamed, not buffered");
            List<Double> steps = new ArrayList<>();
            while (!event.data().contains("\"count-1\"")) {
                if (event.data().contains("notifications/progress")) {
                    JsonNode progress = json(event.data());
                    assertEquals("token-5", progress.at("/params/progressToken").asText(), event.data());
                    steps.add(progress.at("/params/progress").asDouble());
                }
                event = call.next(WITHIN);
            }
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), steps, "each step once, in order, all before the result");
            assertEquals("counted 5", json(event.data()).at("/result/content/0/text").asText(), event.data());
            assertTrue(call.endsWithin(WITHIN), "the stream ends after the response");
        }
    }

    /**
     * A tool that asks the client (sampling) through the SDK's exchange: the request comes on the
     * call's open stream, the client's answer is a POST to the same session, and the tool's result
     * with the sampled text follows on the same stream.
     */
    @Test
    void samplingWhenAskTheClientRunsThenTheRequestOnTheOpenStreamAndTheSampledTextOnTheSameStream() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"ask-1","method":"tools/call","params":{"name":"ask-the-client",
                 "arguments":{"prompt":"say something"}}}""")) {
            assertEquals(200, call.status());
            JsonNode asked = json(call.until(e -> e.data().contains("sampling/createMessage"), WITHIN).data());
            assertEquals("say something", asked.at("/params/messages/0/content/text").asText(), asked.toString());
            assertFalse(asked.path("id").isMissingNode(), "a request the client must answer: " + asked);

            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", asked.get("id"));
            answer.putObject("result").put("role", "assistant").put("model", "test-model")
                    .putObject("content").put("type", "text").put("text", "sampled words");
            mcp().header("Mcp-Session-Id", session).body(answer.toString()).post(ROUTE).then().statusCode(202);

            SseStream.Event result = call.until(e -> e.data().contains("\"ask-1\""), WITHIN);
            assertEquals("sampled words", json(result.data()).at("/result/content/0/text").asText(), result.data());
            assertTrue(call.endsWithin(WITHIN), "the stream ends after the response");
        }
    }

    /**
     * The upstream restarted in the middle of a long call: its stream breaks, the gateway tries to
     * resume it, the new server knows no such session (404), and the client gets a JSON-RPC error
     * for its request on the stream it is reading; the session itself goes on.
     */
    @Test
    void upstreamRestartMidCallWhenItCannotResumeThenTheClientGetsAnErrorForThatRequestAndTheSessionGoesOn() {
        String session = initialize();
        try (SseStream call = SseStream.post(uri(), headers(session), """
                {"jsonrpc":"2.0","id":"cut-1","method":"tools/call","params":{"name":"slow-count",
                 "arguments":{"steps":25},"_meta":{"progressToken":"cut"}}}""")) {
            call.until(e -> e.data().contains("notifications/progress"), WITHIN);
            JavaSdkUpstreamTestResource.restart();
            SseStream.Event end = call.until(e -> e.data().contains("\"cut-1\""), WITHIN);
            assertEquals("upstream javasdk answered HTTP 404 to resuming the stream of this call",
                    json(end.data()).at("/error/message").asText(), end.data());
            assertTrue(call.endsWithin(WITHIN), "the stream ends with the error");
        }
        assertEquals("5", sum(session, 2, 3));
    }

    static RequestSpecification mcp() {
        return given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
    }

    static String initialize() {
        String id = mcp().body(INITIALIZE).post(ROUTE).then().statusCode(200).extract().header("Mcp-Session-Id");
        mcp().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post(ROUTE).then().statusCode(202);
        return id;
    }

    /** The text of add's result for a + b, through the gateway on this session. */
    static String sum(String session, int a, int b) {
        String sse = mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":\"add-" + a + "-" + b
                + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":" + a + ",\"b\":" + b + "}}}")
                .post(ROUTE).then().statusCode(200).extract().asString();
        JsonNode response = lastMessage(sse);
        assertFalse(response.at("/result/isError").asBoolean(), response.toString());
        return response.at("/result/content/0/text").asText();
    }

    /** The gateway answers as SSE: the response is its last event. */
    static JsonNode lastMessage(String sse) {
        return json(events(sse).getLast()[1]);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static URI uri() {
        return URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + ROUTE);
    }

    static Map<String, String> headers(String session) {
        return Map.of("Authorization", "Bearer " + Api.KEY, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }
}
