package io.mcp.sessionstore.events;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.mcp.sessionstore.testing.Passes;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventCleanupTest {

    @Inject
    SessionCleanupService cleanup;

    @Test
    void eventsWhenSessionDeletedOrCleanedUpThenGone() {
        var database = PostgresTestResource.database();
        String deleted = createSession("{}");
        EventStoreTest.append(deleted, "s", "{\"messages\":[1,2,3]}");
        api().delete(session(deleted)).then().statusCode(204);
        assertEquals(0, database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", deleted));

        String expired = createSession("{}");
        EventStoreTest.append(expired, "s", "{\"messages\":[1,2,3]}");
        assertEquals(3, database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", expired));
        Passes.expire(expired);
        Passes.run(cleanup);
        assertEquals(0, database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", expired));
    }
}
