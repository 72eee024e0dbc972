package io.mcp.sessionstore.security.oauth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application with the issuer's keys out of reach, then within it. */
@QuarkusIntegrationTest
class OAuthKeysUnavailableIT extends OAuthKeysUnavailableTest {
}
