package io.mcp.sessionstore.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The TypeScript SDK's legacy SSE client against the packaged application. */
@QuarkusIntegrationTest
class GatewayLegacySseSdkIT extends GatewayLegacySseSdkTest {
}
