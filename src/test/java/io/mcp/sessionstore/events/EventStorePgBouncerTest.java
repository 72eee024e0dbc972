package io.mcp.sessionstore.events;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The event store through a transaction-mode PgBouncer. */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class EventStorePgBouncerTest extends EventStoreTest {
}
