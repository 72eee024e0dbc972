package io.mcp.sessionstore.security.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.McpClients;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.TestAuthorizationServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The packaged service in the prod profile, OAuth turned on by the environment variables the README
 * names, as a deployment does: the MCP Java SDK's client with a token works; a half configuration fails the start.
 */
class OAuthConfigIT {

    private static final String AUDIENCE = "https://mcp.example.test";

    @Test
    void startWhenIssuerAndAudienceVariablesThenTokensOpenMcpAndMetadataServed() {
        try (TestAuthorizationServer issuer = new TestAuthorizationServer().start();
                ServiceProcess service = new ServiceProcess("oauth-env", Map.of("MCP_OAUTH_ISSUER", issuer.issuer(),
                        "MCP_OAUTH_AUDIENCE", AUDIENCE, "MCP_OAUTH_AUTHORIZATION_SERVER", "https://login.example.test"))
                        .start()) {
            try (McpSyncClient client = McpClients.client(service.baseUri(), issuer.token("alice", AUDIENCE), "oauth-it")) {
                client.initialize();
                McpSchema.CallToolResult info = client.callTool(new McpSchema.CallToolRequest("session_info", Map.of()));
                assertFalse(Boolean.TRUE.equals(info.isError()), McpClients.text(info));
            }
            given().baseUri(service.baseUri()).get("/.well-known/oauth-protected-resource/mcp").then().statusCode(200)
                    .body("resource", equalTo(AUDIENCE + "/mcp"))
                    .body("authorization_servers[0]", equalTo("https://login.example.test"));
        }
    }

    @Test
    void startWhenIssuerWithoutAudienceThenFailsNamingTheVariable() {
        try (ServiceProcess service = new ServiceProcess("oauth-no-audience",
                Map.of("MCP_OAUTH_ISSUER", "https://issuer.example.test"))) {
            AssertionError exited = assertThrows(AssertionError.class, service::start);
            assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
            assertTrue(service.log().contains("MCP_OAUTH_ISSUER is set without MCP_OAUTH_AUDIENCE"), service.log());
        }
    }
}
