package io.mcp.sessionstore.security.oauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;

import io.mcp.sessionstore.testing.TestAuthorizationServer;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The OAuth suite against the packaged application, OAuth turned on by run-time configuration only. */
@QuarkusIntegrationTest
class OAuthIT extends OAuthTest {

    /** After the whole suite (valid and refused tokens alike): no token, not even its signature, was logged. */
    @AfterAll
    static void noTokenInTheLog() throws IOException {
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertTrue(log.contains("OAuth access tokens accepted on the MCP routes"), "the packaged application's log");
        for (String token : TestAuthorizationServer.minted()) {
            assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "a token was logged");
        }
    }
}
