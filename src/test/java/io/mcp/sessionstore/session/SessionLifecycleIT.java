package io.mcp.sessionstore.session;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class SessionLifecycleIT extends SessionLifecycleTest {
}
