package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.StdioUpstreamTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * stdio upstreams on the packaged service: a gateway killed with SIGKILL leaves no child behind,
 * and the client session goes on with a new child; a request on the replica that does not run the
 * session's child is served through the one that does, and when that one dies, the other takes the
 * session over, well within the lease.
 */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayStdioRestartIT {

    private static final String ROUTE = GatewayStdioTest.ROUTE;
    private static final Map<String, String> GATEWAY = Map.of("MCP_UPSTREAMS", StdioUpstreamTestResource.upstreams(),
            "MCP_GATEWAY_KEY", SessionCipher.newKey(), "MCP_STDIO_STOP_TIMEOUT", "1s");

    private static RequestSpecification mcp(ServiceProcess gateway) {
        return RestAssured.given().baseUri(gateway.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                .accept(McpTransportTest.ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
    }

    private static String initialize(ServiceProcess gateway) {
        String session = mcp(gateway).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                .header("Mcp-Session-Id");
        mcp(gateway).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(ROUTE).then().statusCode(202);
        return session;
    }

    private static String echo(ServiceProcess gateway, String session, String message) {
        String sse = mcp(gateway).header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"echo","arguments":{"message":"%s"}}}"""
                .formatted(message)).post(ROUTE).then().statusCode(200).extract().asString();
        return McpTransportTest.events(sse).getLast()[1];
    }

    private static io.restassured.response.ValidatableResponse record(ServiceProcess gateway, String session) {
        return RestAssured.given().baseUri(gateway.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                .get(Api.session(session)).then().statusCode(200);
    }

    private static List<ProcessHandle> children(ServiceProcess gateway) {
        return StdioUpstreamTestResource.children(gateway.process().toHandle());
    }

    /** Every process the gateway started, by pid: after a SIGKILL they are no longer its descendants. */
    private static void awaitGone(List<ProcessHandle> processes) {
        Api.await("no child outlives its gateway: " + processes, Duration.ofSeconds(20),
                () -> processes.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void gatewayWhenKilledThenNoOrphanChildAndTheRestartedOneServesTheSameSessionWithANewChild() {
        int port = ServiceProcess.freePort();
        ServiceProcess first = new ServiceProcess("gateway-stdio-1", GATEWAY, port).start();
        try {
            String session = initialize(first);
            assertTrue(echo(first, session, "before").contains("Echo: before"));
            assertEquals(1, children(first).size(), "one child for the session");
            List<ProcessHandle> started = first.process().toHandle().descendants().toList(); // the child and its guard

            first.kill();
            awaitGone(started);
            try (ServiceProcess restarted = new ServiceProcess("gateway-stdio-2", GATEWAY, port).start()) {
                assertTrue(echo(restarted, session, "after").contains("Echo: after"), "the same client session");
                assertEquals(1, children(restarted).size(), "a child of its own");
                record(restarted, session).body("gateway.upstreamGeneration", org.hamcrest.Matchers.equalTo(2))
                        .body("gateway.upstreamStateLost", org.hamcrest.Matchers.equalTo(true));
                assertTrue(restarted.log().contains("MCP stdio local pid") && restarted.log().contains(io.mcp.sessionstore.common.LogSafe.fingerprint(session) + " stderr:"),
                        "the child's stderr is logged with its session");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void requestWhenOnTheOtherReplicaThenServedThroughTheOwnerAndWhenTheOwnerDiesTakenOver() {
        try (ServiceProcess a = new ServiceProcess("gateway-stdio-a", GATEWAY).start();
                ServiceProcess b = new ServiceProcess("gateway-stdio-b", GATEWAY).start()) {
            String session = initialize(a);
            assertTrue(echo(a, session, "on a").contains("Echo: on a"));

            assertTrue(echo(b, session, "via b").contains("Echo: via b"), "b forwards to a");
            assertEquals(1, children(a).size(), "a runs the child");
            assertEquals(0, children(b).size(), "b runs none");
            record(b, session).body("gateway.upstreamGeneration", org.hamcrest.Matchers.equalTo(1))
                    .body("gateway.upstreamStateLost", org.hamcrest.Matchers.equalTo(false));

            List<ProcessHandle> started = a.process().toHandle().descendants().toList();
            a.kill();
            long killed = System.nanoTime();
            assertTrue(echo(b, session, "after a").contains("Echo: after a"), "b takes the session over");
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(takeover.compareTo(Duration.ofSeconds(15)) < 0, "within the lease (15 s): " + takeover);
            assertEquals(1, children(b).size(), "b runs the new child");
            record(b, session).body("gateway.upstreamGeneration", org.hamcrest.Matchers.equalTo(2))
                    .body("gateway.upstreamStateLost", org.hamcrest.Matchers.equalTo(true));
            awaitGone(started);
        }
    }
}
