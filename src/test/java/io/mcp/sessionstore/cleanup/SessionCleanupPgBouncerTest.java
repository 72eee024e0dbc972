package io.mcp.sessionstore.cleanup;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Cleanup passes through a transaction-mode PgBouncer: SKIP LOCKED batches, each in its own transaction, no session state. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class SessionCleanupPgBouncerTest extends SessionCleanupServiceTest {
}
