package io.mcp.sessionstore.security.oauth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** OAuth clients through the packaged gateway, in front of a real server-everything. */
@QuarkusIntegrationTest
class OAuthGatewayIT extends OAuthGatewayTest {
}
