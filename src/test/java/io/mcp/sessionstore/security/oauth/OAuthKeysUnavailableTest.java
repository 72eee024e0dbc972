package io.mcp.sessionstore.security.oauth;

import static io.mcp.sessionstore.mcp.McpTransportTest.mcp;
import static io.mcp.sessionstore.testing.OAuthTestResource.AUDIENCE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.OAuthTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Issuer keys that cannot be fetched are the gateway's trouble, not the caller's: 503, and fine once they can. */
@QuarkusTest
@WithTestResource(value = OAuthTestResource.class, initArgs = @ResourceArg(name = "keys", value = "down"))
class OAuthKeysUnavailableTest {

    @Test
    void tokenWhenIssuerKeysUnreachableThenServiceUnavailableAndAcceptedOnceReachable() {
        String token = OAuthTestResource.server().token("alice", AUDIENCE);
        mcp(token).body(McpTransportTest.INITIALIZE).post("/mcp").then().statusCode(503).contentType(Api.PROBLEM_JSON)
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("urn:mcp-session-store:problem:authorization-server-unavailable"));
        assertEquals(0, OAuthTestResource.server().keyRequests());

        OAuthTestResource.server().start();
        McpTransportTest.initialize(token);
        assertEquals(1, OAuthTestResource.server().keyRequests());
    }
}
