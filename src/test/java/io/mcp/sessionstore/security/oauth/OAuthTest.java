package io.mcp.sessionstore.security.oauth;

import static io.mcp.sessionstore.mcp.McpTransportTest.initialize;
import static io.mcp.sessionstore.mcp.McpTransportTest.mcp;
import static io.mcp.sessionstore.testing.OAuthTestResource.AUDIENCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.OAuthTestResource;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestAuthorizationServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The MCP endpoints as an OAuth resource server, with tokens signed by a real key pair whose JWK
 * Set a test server publishes: a valid token opens a session bound to its subject; every other
 * token is refused with a challenge that points at the metadata, which is served; API keys still work.
 */
@QuarkusTest
@WithTestResource(OAuthTestResource.class)
class OAuthTest {

    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    static final String METADATA = AUDIENCE + "/.well-known/oauth-protected-resource";

    static TestAuthorizationServer issuer() {
        return OAuthTestResource.server();
    }

    static String owner(String session) {
        return PostgresTestResource.database().queryString("SELECT owner_key FROM sessions WHERE id = ?", session);
    }

    /** A refused token: 401, RFC 6750's invalid_token, the route's metadata named, and the token not echoed. */
    static ValidatableResponse refused(String token, String path, String route) {
        ValidatableResponse response = mcp(token).body(McpTransportTest.INITIALIZE).post(path).then().statusCode(401)
                .contentType(Api.PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + METADATA + route + "\""));
        response.body(not(containsString(token.substring(token.lastIndexOf('.') + 1))));
        return response;
    }

    @Test
    void mcpWhenValidTokenThenSessionOfItsSubjectAndToolsAnswered() {
        String session = initialize(issuer().token("alice", AUDIENCE));
        String sse = mcp(issuer().token("alice", AUDIENCE)).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"session_info\"}}")
                .post("/mcp").then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"isError\":false") && sse.contains(session), "a second token of the same subject "
                + "continues the session: it is bound to the subject, not to one token; " + sse);

        assertEquals(OAuthTokens.ownerOf(issuer().issuer(), "alice"), owner(session));
        String row = PostgresTestResource.database().queryString(
                "SELECT row_to_json(s)::text FROM sessions s WHERE id = ?", session);
        assertFalse(row.contains("alice"), "the subject is in no row, only its digest: " + row);
        TestAuthorizationServer.minted().forEach(token -> assertFalse(row.contains(token.substring(token.lastIndexOf('.') + 1))));
    }

    @Test
    void mcpWhenEs256TokenThenAccepted() {
        String token = issuer().signEs256(issuer().claims("erin", AUDIENCE));
        assertEquals(OAuthTokens.ownerOf(issuer().issuer(), "erin"), owner(initialize(token)));
    }

    /** Exactly as a session of another API key is answered: as if there were no such session. */
    @Test
    void sessionWhenAnotherSubjectPresentsItsIdThenNotFoundAsForAnotherKey() {
        String session = initialize(issuer().token("alice", AUDIENCE));
        mcp(issuer().token("mallory", AUDIENCE)).header("Mcp-Session-Id", session).body(PING).post("/mcp")
                .then().statusCode(404);
        mcp("test-client-key").header("Mcp-Session-Id", session).body(PING).post("/mcp").then().statusCode(404);
        mcp(issuer().token("alice", AUDIENCE)).header("Mcp-Session-Id", session).body(PING).post("/mcp")
                .then().statusCode(200);

        String keySession = initialize("test-client-key");
        mcp(issuer().token("alice", AUDIENCE)).header("Mcp-Session-Id", keySession).body(PING).post("/mcp")
                .then().statusCode(404);
    }

    @Test
    void tokenWhenExpiredThenRefused() {
        JwtClaims claims = issuer().claims("alice", AUDIENCE);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        refused(issuer().sign(claims), "/mcp", "/mcp").body("detail", equalTo("the access token has expired"));
    }

    @Test
    void tokenWhenNoExpiryOrNoIssuedAtThenRefused() {
        JwtClaims forever = issuer().claims("alice", AUDIENCE);
        forever.unsetClaim("exp");
        refused(issuer().sign(forever), "/mcp", "/mcp");
        JwtClaims undated = issuer().claims("alice", AUDIENCE);
        undated.unsetClaim("iat");
        refused(issuer().sign(undated), "/mcp", "/mcp");
    }

    @Test
    void tokenWhenAnotherAudienceThenRefused() {
        refused(issuer().token("alice", "https://another-gateway.test"), "/mcp", "/mcp")
                .body("detail", equalTo("the access token is for another audience"));
        refused(issuer().token("alice", AUDIENCE + "/mcp/elsewhere"), "/mcp", "/mcp");
        JwtClaims none = issuer().claims("alice", AUDIENCE);
        none.unsetClaim("aud");
        refused(issuer().sign(none), "/mcp", "/mcp");
    }

    @Test
    void tokenWhenAnotherIssuerThenRefused() {
        JwtClaims claims = issuer().claims("alice", AUDIENCE);
        claims.setIssuer("https://another-issuer.test");
        refused(issuer().sign(claims), "/mcp", "/mcp").body("detail", equalTo("the access token is from another issuer"));
    }

    @Test
    void tokenWhenNotSignedByAPublishedKeyThenRefused() {
        JwtClaims claims = issuer().claims("alice", AUDIENCE);
        refused(TestAuthorizationServer.sign(claims, TestAuthorizationServer.newRsaKey(TestAuthorizationServer.RSA_KEY_ID),
                AlgorithmIdentifiers.RSA_USING_SHA256), "/mcp", "/mcp"); // the published key's id, another key
        refused(TestAuthorizationServer.sign(claims, TestAuthorizationServer.newRsaKey("unknown-key"),
                AlgorithmIdentifiers.RSA_USING_SHA256), "/mcp", "/mcp");
        refused(TestAuthorizationServer.signHs256(claims, "a shared secret of at least 32 bytes!!"
                .getBytes(StandardCharsets.UTF_8)), "/mcp", "/mcp");
        String valid = issuer().sign(claims);
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toJson().replace("alice", "admin").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(tampered, "/mcp", "/mcp");
        refused("not.a.jwt", "/mcp", "/mcp");
        JwtClaims anonymous = issuer().claims("alice", AUDIENCE);
        anonymous.unsetClaim("sub");
        refused(issuer().sign(anonymous), "/mcp", "/mcp");
    }

    @Test
    void requestWhenNoTokenThenChallengePointsAtTheRouteMetadata() {
        for (List<String> pathAndRoute : List.of(List.of("/mcp", "/mcp"), List.of("/mcp/everything", "/mcp/everything"),
                List.of("/mcp/everything/sse", "/mcp/everything"), List.of("/mcp/everything/", "/mcp/everything"))) {
            given().accept("application/json, text/event-stream").contentType("application/json").body(PING)
                    .post(pathAndRoute.get(0)).then().statusCode(401).contentType(Api.PROBLEM_JSON)
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"mcp-session-store\", resource_metadata=\""
                            + METADATA + pathAndRoute.get(1) + "\""));
        }
        given().get("/sessions").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mcp-session-store\""));
    }

    @Test
    void metadataWhenOAuthOnThenServedOpenForTheGatewayAndEachRoute() {
        given().get("/.well-known/oauth-protected-resource").then().statusCode(200).contentType("application/json")
                .body("resource", equalTo(AUDIENCE))
                .body("authorization_servers", equalTo(List.of(issuer().issuer())))
                .body("bearer_methods_supported", equalTo(List.of("header")));
        given().get("/.well-known/oauth-protected-resource/mcp").then().statusCode(200)
                .body("resource", equalTo(AUDIENCE + "/mcp"));
        given().get("/.well-known/oauth-protected-resource/mcp/everything").then().statusCode(200)
                .body("resource", equalTo(AUDIENCE + "/mcp/everything"))
                .body("authorization_servers", equalTo(List.of(issuer().issuer())));
        given().get("/.well-known/oauth-protected-resource/sessions").then().statusCode(404)
                .contentType(Api.PROBLEM_JSON);
    }

    /** A token names the route it was asked for (RFC 8707): it opens that route, and no other. */
    @Test
    void tokenWhenForOneRouteThenOpensThatRouteOnly() {
        String token = issuer().token("alice", AUDIENCE + "/mcp");
        assertEquals(OAuthTokens.ownerOf(issuer().issuer(), "alice"), owner(initialize(token)));
        refused(token, "/mcp/everything", "/mcp/everything");
    }

    @Test
    void tokenWhenStoreRouteThenForbiddenLikeAClientKey() {
        String token = issuer().token("alice", AUDIENCE);
        given().header("Authorization", "Bearer " + token).get("/sessions").then().statusCode(403)
                .contentType(Api.PROBLEM_JSON).body("detail", containsString("opens only /mcp"));
        given().header("Authorization", "Bearer " + token).get("/session-health").then().statusCode(403);
    }

    @Test
    void apiKeysWhenOAuthOnThenStillWork() {
        Api.api().get("/sessions").then().statusCode(200);
        String session = initialize("test-client-key");
        mcp("test-client-key").header("Mcp-Session-Id", session).body(PING).post("/mcp").then().statusCode(200);
        mcp("not-a-key-of-ours").body(PING).post("/mcp").then().statusCode(401)
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + METADATA + "/mcp\""));
    }

    /** The issuer's keys are kept between tokens, not fetched for each. */
    @Test
    void keysWhenManyTokensThenFetchedOnceAndKept() {
        initialize(issuer().token("alice", AUDIENCE));
        int fetched = issuer().keyRequests();
        for (int i = 0; i < 5; i++) {
            initialize(issuer().token("alice", AUDIENCE));
        }
        assertEquals(fetched, issuer().keyRequests());
    }
}
