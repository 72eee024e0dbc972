package io.mcp.sessionstore.session;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Concurrent writers through a transaction-mode PgBouncer: more client transactions than one server connection. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class SessionConcurrencyPgBouncerTest extends SessionConcurrencyTest {
}
