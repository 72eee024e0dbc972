package io.mcp.sessionstore.gateway;

import static io.mcp.sessionstore.mcp.McpTransportTest.events;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.StdioUpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * A stdio upstream: server-everything run by the gateway in stdio mode, one child per client session,
 * within the process limit, its route for other replicas closed to anyone else. The children are
 * descendants of this JVM in-process and packaged (GatewayStdioIT) alike.
 */
@QuarkusTest
@WithTestResource(StdioUpstreamTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayStdioTest {

    static final String ROUTE = "/mcp/" + StdioUpstreamTestResource.ID;

    static String initialize() {
        String id = GatewayTest.mcp(Api.KEY).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                .header("Mcp-Session-Id");
        GatewayTest.mcp(Api.KEY).header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(ROUTE).then().statusCode(202);
        return id;
    }

    static String echo(String session, String message) {
        String sse = GatewayTest.mcp(Api.KEY).header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"echo","arguments":{"message":"%s"}}}"""
                .formatted(message)).post(ROUTE).then().statusCode(200).extract().asString();
        return events(sse).getLast()[1];
    }

    static void end(String session) {
        GatewayTest.mcp(Api.KEY).header("Mcp-Session-Id", session).delete(ROUTE).then().statusCode(204);
    }

    /** This JVM's server-everything stdio children, once there are {@code count} of them. */
    static List<ProcessHandle> awaitChildren(int count) {
        List<List<ProcessHandle>> seen = new ArrayList<>(List.of(List.of()));
        Api.await(count + " stdio children of the gateway", Duration.ofSeconds(15), () -> {
            seen.set(0, StdioUpstreamTestResource.children(ProcessHandle.current()));
            return seen.get(0).size() == count;
        });
        return seen.get(0);
    }

    @Test
    void toolCallWhenSessionThenAnsweredByItsOwnChildWhichStopsWithTheSession() {
        awaitChildren(0);
        String session = initialize();
        assertTrue(echo(session, "over stdio").contains("Echo: over stdio"));
        List<ProcessHandle> children = awaitChildren(1);
        assertTrue(RestAssured.given().get("/q/metrics").asString().contains("mcp_gateway_stdio_processes 1.0"),
                "the children this replica runs, at /q/metrics");
        Api.api().get(Api.session(session)).then().statusCode(200).body("upstreamTransport", equalTo("stdio"))
                .body("gateway.upstreamInitializeResult.serverInfo.name", equalTo("mcp-servers/everything"))
                .body("gateway.upstreamGeneration", equalTo(1)).body("gateway.upstreamStateLost", equalTo(false))
                .body("recentToolCalls[0].name", equalTo("echo"));

        end(session);
        Api.await("the child stopped with its session", Duration.ofSeconds(15), () -> !children.getFirst().isAlive());
    }

    @Test
    void limitWhenAllChildrenRunThenNewSession503WithRetryAfterAndTheOthersStillServed() {
        awaitChildren(0);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < StdioUpstreamTestResource.MAX_PROCESSES; i++) {
            sessions.add(initialize());
        }
        Response refused = GatewayTest.mcp(Api.KEY).body(GatewayTest.INITIALIZE).post(ROUTE);
        assertEquals(503, refused.statusCode(), refused.asString());
        assertTrue(refused.header("Retry-After") != null, "Retry-After");
        assertTrue(refused.asString().contains("MCP_STDIO_MAX_PROCESSES"), refused.asString());
        assertTrue(refused.asString().contains("\"id\":1"), "the error answers the initialize: " + refused.asString());
        for (String session : sessions) {
            assertTrue(echo(session, "still").contains("Echo: still"), "the running children still serve theirs");
        }

        end(sessions.removeFirst());
        awaitChildren(StdioUpstreamTestResource.MAX_PROCESSES - 1);
        String another = initialize();
        assertTrue(echo(another, "freed").contains("Echo: freed"), "a slot freed by a stopped child");
        end(another);
        sessions.forEach(GatewayStdioTest::end);
        awaitChildren(0);
    }

    @Test
    void replicaRouteWhenNoOrWrongTokenThenForbiddenAndUnknownChildNotFound() {
        RestAssured.given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID).then().statusCode(403)
                .contentType(Api.PROBLEM_JSON).body("detail", containsString("another gateway replica"));
        RestAssured.given().header(StdioForwardRoute.TOKEN_HEADER, "0".repeat(64)).header("Mcp-Session-Id", "stdio-x")
                .contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID).then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + Api.KEY).header("Mcp-Session-Id", "stdio-x")
                .contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID).then().statusCode(403);
    }

    private static final SessionCipher CIPHER = SessionCipher.fromBase64Keys(List.of(StdioUpstreamTestResource.GATEWAY_KEY));

    private static String childKey(String session) {
        String sealed = io.mcp.sessionstore.testing.PostgresTestResource.database().queryString(
                "SELECT encode(upstream_session, 'base64') FROM sessions WHERE id = ?", session);
        return CIPHER.open(java.util.Base64.getMimeDecoder().decode(sealed), session, StdioUpstreamTestResource.ID);
    }

    @Test
    void replicaRouteWhenTokenAndAHeldChildThenItsAnswerAsAnEventStream() {
        String session = initialize();
        String sse = RestAssured.given().header(StdioForwardRoute.TOKEN_HEADER, CIPHER.replicaToken())
                .header("Mcp-Session-Id", childKey(session)).contentType("application/json").body("""
                        {"jsonrpc":"2.0","id":"f","method":"tools/call","params":{"name":"echo","arguments":{"message":"forwarded"}}}""")
                .post(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID).then().statusCode(200)
                .contentType(containsString("text/event-stream")).extract().asString();
        assertTrue(sse.contains("Echo: forwarded"), sse);
        RestAssured.given().header(StdioForwardRoute.TOKEN_HEADER, CIPHER.replicaToken())
                .header("Mcp-Session-Id", "stdio-not-held").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID).then().statusCode(404);
        end(session);
    }

    /** What a restarted replica meets: the row names a replica at its own address that no longer holds the child. */
    @Test
    void ownerWhenItsAddressHoldsNoSuchChildThenTheSessionIsReinitializedHere() {
        String session = initialize();
        RestAssured.given().header(StdioForwardRoute.TOKEN_HEADER, CIPHER.replicaToken())
                .header("Mcp-Session-Id", childKey(session)).delete(StdioForwardRoute.PATH + StdioUpstreamTestResource.ID)
                .then().statusCode(200); // what another replica's DELETE does to this replica's child
        awaitChildren(0);
        String stale = "stdio-stale-" + System.nanoTime();
        io.mcp.sessionstore.testing.PostgresTestResource.database().update(
                "UPDATE sessions SET upstream_session = ? WHERE id = ?",
                CIPHER.seal(stale, session, StdioUpstreamTestResource.ID), session);
        io.mcp.sessionstore.testing.PostgresTestResource.database().update("""
                INSERT INTO gateway_stdio_children (key_hash, server_id, owner, owner_url, lease_until)
                VALUES (sha256(convert_to(?, 'UTF8')), ?, 'a-replica-that-died', ?, now() + interval '1 minute')""",
                stale, StdioUpstreamTestResource.ID, "http://127.0.0.1:" + io.restassured.RestAssured.port);
        assertTrue(echo(session, "taken over").contains("Echo: taken over"));
        Api.api().get(Api.session(session)).then().statusCode(200).body("gateway.upstreamGeneration", equalTo(2))
                .body("gateway.upstreamStateLost", equalTo(true));
        end(session);
        awaitChildren(0);
    }

    /** A 2026-07-28 request (no session) with "statelessSessions":"per-request": a child for the request alone. */
    @Test
    void revision20260728WhenPerRequestThenAnsweredByAChildOfItsOwnThatStopsAfterIt() {
        awaitChildren(0);
        RestAssured.given().header("Authorization", "Bearer " + Api.KEY).accept(McpTransportTest.ACCEPT_BOTH)
                .contentType("application/json").header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
                .body("""
                        {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"no session"},
                         "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""")
                .post(ROUTE).then().statusCode(200).header("Mcp-Session-Id", org.hamcrest.Matchers.nullValue())
                .body("id", equalTo(7)).body("result.content[0].text", equalTo("Echo: no session"));
        awaitChildren(0);
    }

    @Test
    void childWhenStartedThenOnlyTheDefaultEnvironmentAndItsOwnVariables() {
        awaitChildren(0);
        String session = initialize();
        String sse = GatewayTest.mcp(Api.KEY).header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":"env","method":"tools/call","params":{"name":"get-env","arguments":{}}}""")
                .post(ROUTE).then().statusCode(200).extract().asString();
        String environment = events(sse).getLast()[1];
        assertTrue(environment.contains("MCP_TEST_CHILD"), "its own variable: " + environment);
        assertTrue(environment.contains("PATH"), "the default environment: " + environment);
        assertFalse(environment.contains("MCP_API_KEYS") || environment.contains(Api.KEY)
                || environment.contains("QUARKUS_"), "none of the gateway's own: " + environment);
        end(session);
    }
}
