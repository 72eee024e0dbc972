package io.mcp.sessionstore.session;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Activity through a transaction-mode PgBouncer: counters and sliding expiry. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class SessionActivityPgBouncerTest extends SessionActivityTest {
}
