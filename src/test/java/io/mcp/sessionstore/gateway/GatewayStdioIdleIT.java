package io.mcp.sessionstore.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Idle stdio children stopped and started again, on the packaged application. */
@QuarkusIntegrationTest
class GatewayStdioIdleIT extends GatewayStdioIdleTest {
}
