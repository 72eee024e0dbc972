package io.mcp.sessionstore.session;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Listing and keyset pagination through a transaction-mode PgBouncer. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class SessionListPgBouncerTest extends SessionListTest {
}
