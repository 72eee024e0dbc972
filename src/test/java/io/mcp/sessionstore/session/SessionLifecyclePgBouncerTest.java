package io.mcp.sessionstore.session;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The session HTTP suite through a transaction-mode PgBouncer, configured by DATABASE_URL only. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class SessionLifecyclePgBouncerTest extends SessionLifecycleTest {
}
