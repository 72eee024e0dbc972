package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacySseClient;
import io.mcp.sessionstore.testing.LegacySseClientTestResource;
import io.mcp.sessionstore.testing.SwitchableProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The TypeScript SDK's legacy SSE client (SSEClientTransport and Client, from npm) on the gateway, in
 * front of a real server-everything: connect, tools, calls with progress, and what a cut connection
 * does, through a proxy that cuts it: with Last-Event-ID the client is back in its session with what
 * it missed; without it (the SDK as it is, see legacy-sse-client.mjs), it gets a new session and
 * must connect again.
 */
@QuarkusTest
@WithTestResource(LegacySseClientTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseSdkTest {

    static final Duration WITHIN = Duration.ofSeconds(20);
    static final String SSE = "/mcp/" + io.mcp.sessionstore.testing.UpstreamTestResource.ID + "/sse";

    static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    static String session(JsonNode endpointReport) {
        String data = endpointReport.path("data").asText(endpointReport.path("endpoint").asText());
        return data.substring(data.indexOf("sessionId=") + "sessionId=".length());
    }

    /** The progress notifications the client's stream delivered, in order (see legacy-sse-client.mjs on why not the SDK's callback). */
    static List<Integer> progress(LegacySseClient client) {
        return client.reports("sse-message").stream().filter(report -> "notifications/progress".equals(report.path("method")
                .asText())).map(report -> report.path("progress").asInt()).toList();
    }

    static String text(JsonNode result) {
        return result.path("result").path("content").path(0).path("text").asText();
    }

    @Test
    void typescriptSdkWhenConnectedOverSseThenToolsCallsAndProgress() {
        try (LegacySseClient client = LegacySseClient.start(base() + SSE, Api.KEY, true)) {
            client.send("{\"op\":\"connect\"}");
            JsonNode connected = client.await("connected", null, WITHIN);
            assertTrue(connected.path("endpoint").asText().contains("/mcp/everything/messages?sessionId="), connected.toString());
            assertEquals("mcp-servers/everything", connected.path("server").path("name").asText(), connected.toString());
            client.send("{\"op\":\"tools\"}");
            assertTrue(client.await("tools", null, WITHIN).path("names").toString().contains("\"echo\""));
            client.send("{\"op\":\"call\",\"id\":\"e\",\"name\":\"echo\",\"arguments\":{\"message\":\"from the sdk\"}}");
            assertEquals("Echo: from the sdk", text(client.await("result", "e", WITHIN)));
            client.send("{\"op\":\"call\",\"id\":\"long\",\"name\":\"trigger-long-running-operation\","
                    + "\"arguments\":{\"duration\":2,\"steps\":2},\"progress\":true}");
            assertTrue(text(client.await("result", "long", WITHIN)).contains("Long running operation completed"));
            assertEquals(List.of(1, 2), progress(client), "each progress notification on the stream: " + client.reports());
            Api.api().get(Api.session(session(connected))).then().statusCode(200)
                    .body("clientTransport", org.hamcrest.Matchers.equalTo("sse"))
                    .body("clientInfo.name", org.hamcrest.Matchers.equalTo("legacy-sse-client"));
        }
    }

    /**
     * The connection cut in the middle of a call with progress, and the gateway out of reach until
     * the call has ended: the client's EventSource reconnects with Last-Event-ID, the gateway puts it
     * back in its session, and it gets the progress it missed and the result, each once; its next
     * call goes on in the same session.
     */
    @Test
    void typescriptSdkWhenItsConnectionIsCutMidCallThenBackInItsSessionWithWhatItMissed() {
        try (SwitchableProxy proxy = new SwitchableProxy(RestAssured.port);
                LegacySseClient client = LegacySseClient.start(proxy.baseUri() + SSE, Api.KEY, true)) {
            client.send("{\"op\":\"connect\"}");
            String session = session(client.await("connected", null, WITHIN));
            client.send("{\"op\":\"call\",\"id\":\"long\",\"name\":\"trigger-long-running-operation\","
                    + "\"arguments\":{\"duration\":4,\"steps\":4},\"progress\":true}");
            client.await("the second progress", WITHIN, report -> report.path("op").asText().equals("progress")
                    && report.path("progress").asInt() == 2);
            proxy.pointAt(io.mcp.sessionstore.testing.ServiceProcess.freePort()); // nothing listens there
            proxy.cut();
            Api.await("the call ended while the client was cut off", WITHIN, () -> Api.api().get(Api.session(session))
                    .then().extract().path("recentToolCalls.find { it.name == 'trigger-long-running-operation' }") != null);
            assertEquals(List.of(1, 2), progress(client), "nothing reached the client meanwhile");
            proxy.pointAt(RestAssured.port);
            assertTrue(text(client.await("result", "long", WITHIN)).contains("Long running operation completed"),
                    client.reports().toString());
            assertEquals(List.of(1, 2, 3, 4), progress(client), "every progress once, in order: " + client.reports());
            // the SDK numbers its requests from 0: initialize, then this call
            assertEquals(1, client.reports("sse-message").stream().filter(report -> report.has("response")
                    && report.path("response").asInt() == 1).count(), "the call's result once: " + client.reports());
            List<JsonNode> endpoints = client.reports("endpoint");
            assertEquals(2, endpoints.size(), "the stream opened again once: " + client.reports());
            assertEquals(session, session(endpoints.get(1)), "the same session");
            assertTrue(client.reports("sse-request").getLast().path("lastEventId").asText().startsWith(session + "."),
                    "the reconnect named its session: " + client.reports("sse-request"));
            client.send("{\"op\":\"call\",\"id\":\"after\",\"name\":\"echo\",\"arguments\":{\"message\":\"after the cut\"}}");
            assertEquals("Echo: after the cut", text(client.await("result", "after", WITHIN)));
        }
    }

    /**
     * The SDK as it is sends no Last-Event-ID (it drops the header its EventSource sets: this test
     * would fail the day it does not), so a cut connection gives it a new session, which it must
     * initialize: until it connects again, its calls are refused.
     */
    @Test
    void typescriptSdkWithoutLastEventIdWhenItsConnectionIsCutThenANewSessionAndItConnectsAgain() {
        try (SwitchableProxy proxy = new SwitchableProxy(RestAssured.port);
                LegacySseClient client = LegacySseClient.start(proxy.baseUri() + SSE, Api.KEY, false)) {
            client.send("{\"op\":\"connect\"}");
            String first = session(client.await("connected", null, WITHIN));
            proxy.cut();
            client.await("a new stream", WITHIN, report -> report.path("op").asText().equals("endpoint")
                    && !session(report).equals(first));
            client.send("{\"op\":\"call\",\"id\":\"lost\",\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
            assertTrue(client.await("error", "lost", WITHIN).path("message").asText().contains("not initialized"),
                    client.reports().toString());
            client.send("{\"op\":\"connect\"}");
            JsonNode again = client.await("connected again", WITHIN, report -> report.path("op").asText().equals("connected")
                    && !session(report).equals(first));
            assertNotEquals(first, session(again));
            client.send("{\"op\":\"call\",\"id\":\"new\",\"name\":\"echo\",\"arguments\":{\"message\":\"initialized again\"}}");
            assertEquals("Echo: initialized again", text(client.await("result", "new", WITHIN)));
        }
    }
}
