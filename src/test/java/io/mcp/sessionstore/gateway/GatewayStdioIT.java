package io.mcp.sessionstore.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The stdio upstream's tests against the packaged application (its children are descendants of this JVM too). */
@QuarkusIntegrationTest
class GatewayStdioIT extends GatewayStdioTest {
}
