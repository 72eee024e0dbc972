package io.mcp.sessionstore.mcp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The transport rules against the packaged application. */
@QuarkusIntegrationTest
class McpTransportIT extends McpTransportTest {
}
