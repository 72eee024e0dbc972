package io.mcp.sessionstore.security.oauth;

import static io.mcp.sessionstore.mcp.McpTransportTest.mcp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.TestAuthorizationServer;
import io.quarkus.test.junit.QuarkusTest;

/** The suite's own configuration has no issuer: a signed JWT is then just a key that is not ours. */
@QuarkusTest
class OAuthOffTest {

    @Test
    void tokenWhenOAuthOffThenAnInvalidApiKeyAndNoMetadataNamed() {
        TestAuthorizationServer issuer = new TestAuthorizationServer(); // keys and tokens only, nothing served
        mcp(issuer.token("alice", "https://mcp-gateway.test")).body(McpTransportTest.INITIALIZE).post("/mcp")
                .then().statusCode(401).contentType(Api.PROBLEM_JSON)
                .body("detail", equalTo("the API key is not valid"))
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mcp-session-store\", error=\"invalid_token\""));
        given().post("/mcp").then().statusCode(401).header("WWW-Authenticate", not(containsString("resource_metadata")));
    }

    @Test
    void metadataWhenOAuthOffThenNotFound() {
        for (String path : new String[] {"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource/mcp/everything"}) {
            given().get(path).then().statusCode(404).contentType(Api.PROBLEM_JSON)
                    .body("detail", containsString("MCP_OAUTH_ISSUER"));
        }
    }
}
