package io.mcp.sessionstore.events;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class EventStoreIT extends EventStoreTest {
}
