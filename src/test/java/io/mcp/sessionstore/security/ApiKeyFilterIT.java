package io.mcp.sessionstore.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class ApiKeyFilterIT extends ApiKeyFilterTest {
}
