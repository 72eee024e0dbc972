package io.mcp.sessionstore.security.oauth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application without an issuer: OAuth off. */
@QuarkusIntegrationTest
class OAuthOffIT extends OAuthOffTest {
}
