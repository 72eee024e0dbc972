package io.mcp.sessionstore.mcp;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The /mcp endpoint through a transaction-mode PgBouncer. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class McpTransportPgBouncerTest extends McpTransportTest {
}
