package io.mcp.sessionstore.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The legacy SSE client suite against the packaged application, in front of a real server-everything. */
@QuarkusIntegrationTest
class GatewayLegacySseClientIT extends GatewayLegacySseClientTest {
}
