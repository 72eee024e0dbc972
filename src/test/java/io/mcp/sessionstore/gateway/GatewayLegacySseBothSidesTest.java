package io.mcp.sessionstore.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacyUpstreamTestResource;
import io.mcp.sessionstore.testing.SseStream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A legacy SSE client in front of a legacy SSE upstream (server-everything in sse mode): the client's
 * side does not depend on the upstream's transport.
 */
@QuarkusTest
@WithTestResource(LegacyUpstreamTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseBothSidesTest {

    static final String ROUTE = "/mcp/" + LegacyUpstreamTestResource.ID;
    static final Duration WITHIN = Duration.ofSeconds(15);

    static void post(String endpoint, String body) {
        given().header("Authorization", "Bearer " + Api.KEY).contentType("application/json").body(body).post(endpoint)
                .then().statusCode(202);
    }

    @Test
    void legacyClientWhenTheUpstreamIsLegacyTooThenInitializeCallsAndProgressOnTheStream() {
        URI sse = URI.create("http://127.0.0.1:" + RestAssured.port + ROUTE + "/sse");
        try (SseStream stream = SseStream.get(sse, Map.of("Authorization", "Bearer " + Api.KEY))) {
            SseStream.Event endpoint = stream.next(WITHIN);
            assertEquals("endpoint", endpoint.type());
            String session = endpoint.data().substring(endpoint.data().indexOf("sessionId=") + "sessionId=".length());
            post(endpoint.data(), GatewayLegacySseClientTest.INITIALIZE);
            assertTrue(stream.until(event -> event.data().contains("\"init\""), WITHIN).data().contains("mcp-servers/everything"));
            post(endpoint.data(), GatewayLegacySseClientTest.INITIALIZED);
            post(endpoint.data(), GatewayLegacySseClientTest.call(2, "echo", "{\"message\":\"sse on both sides\"}"));
            assertTrue(stream.until(event -> event.data().contains("\"id\":2"), WITHIN).data()
                    .contains("Echo: sse on both sides"));
            post(endpoint.data(), """
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"trigger-long-running-operation",
                     "arguments":{"duration":2,"steps":2},"_meta":{"progressToken":"p"}}}""");
            assertTrue(stream.until(event -> event.data().contains("notifications/progress"), WITHIN).data()
                    .contains("\"progress\":1"));
            assertTrue(stream.until(event -> event.data().contains("\"id\":3"), WITHIN).data()
                    .contains("Long running operation completed"));
            Api.api().get(Api.session(session)).then().body("clientTransport", equalTo("sse"))
                    .body("upstreamTransport", equalTo("sse"));
        }
    }
}
