package io.mcp.sessionstore.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The gateway suite against the packaged application, in front of a server written with the MCP Java SDK. */
@QuarkusIntegrationTest
class GatewayJavaSdkIT extends GatewayJavaSdkTest {
}
