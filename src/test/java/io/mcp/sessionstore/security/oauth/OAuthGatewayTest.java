package io.mcp.sessionstore.security.oauth;

import static io.mcp.sessionstore.mcp.McpTransportTest.ACCEPT_BOTH;
import static io.mcp.sessionstore.mcp.McpTransportTest.events;
import static io.mcp.sessionstore.testing.OAuthTestResource.AUDIENCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.OAuthTestResource;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestAuthorizationServer;
import io.mcp.sessionstore.testing.UpstreamTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** An OAuth client through the gateway, in front of a real server-everything: its session is its subject's. */
@QuarkusTest
@WithTestResource(OAuthTestResource.class)
@WithTestResource(UpstreamTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class OAuthGatewayTest {

    static final String ROUTE = "/mcp/" + UpstreamTestResource.ID;
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"oauth-client","version":"1"}}}""";
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

    static TestAuthorizationServer issuer() {
        return OAuthTestResource.server();
    }

    static RequestSpecification mcp(String token) {
        return given().header("Authorization", "Bearer " + token).accept(ACCEPT_BOTH).contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
    }

    static String initialize(String token) {
        String id = mcp(token).body(INITIALIZE).post(ROUTE).then().statusCode(200)
                .extract().header("Mcp-Session-Id");
        mcp(token).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post(ROUTE).then().statusCode(202);
        return id;
    }

    @Test
    void gatewayWhenValidTokenThenSessionOfItsSubjectAndToolCallsPassThrough() {
        String session = initialize(issuer().token("alice", AUDIENCE));
        String sse = mcp(issuer().token("alice", AUDIENCE)).header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"an OAuth client"}}}""")
                .post(ROUTE).then().statusCode(200).extract().asString();
        assertTrue(events(sse).getLast()[1].contains("Echo: an OAuth client"), sse);
        assertEquals(OAuthTokens.ownerOf(issuer().issuer(), "alice"), PostgresTestResource.database().queryString(
                "SELECT owner_key FROM sessions WHERE id = ?", session));
    }

    /** As for another API key: 404, the session's existence not confirmed. */
    @Test
    void gatewayWhenAnotherSubjectPresentsTheSessionThenNotFound() {
        String session = initialize(issuer().token("alice", AUDIENCE));
        mcp(issuer().token("mallory", AUDIENCE)).header("Mcp-Session-Id", session).body(PING).post(ROUTE)
                .then().statusCode(404);
        mcp("test-client-key").header("Mcp-Session-Id", session).body(PING).post(ROUTE).then().statusCode(404);
        mcp(issuer().token("alice", AUDIENCE)).header("Mcp-Session-Id", session).body(PING).post(ROUTE)
                .then().statusCode(200);
    }

    /** A token asked for this route's URL (RFC 8707) opens it, and not the store's own /mcp. */
    @Test
    void gatewayWhenTokenForTheRouteThenOpensItAndNoOtherRoute() {
        String token = issuer().token("alice", AUDIENCE + ROUTE);
        initialize(token);
        mcp(token).body(INITIALIZE).post("/mcp").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void gatewayWhenExpiredTokenThenRefusedWithTheRouteMetadata() {
        JwtClaims claims = issuer().claims("alice", AUDIENCE);
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 600));
        mcp(issuer().sign(claims)).body(INITIALIZE).post(ROUTE).then().statusCode(401)
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + AUDIENCE
                        + "/.well-known/oauth-protected-resource" + ROUTE + "\""));
    }
}
