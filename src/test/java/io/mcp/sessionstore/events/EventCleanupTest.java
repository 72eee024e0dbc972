package io.mcp.sessionstore.events;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.Passes;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

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

    @Test
    void eventsWhenAnAppendCommitsWhileTheDeleteWaitsThenNoneOutliveTheSession() throws Exception {
        String id = createSession("{}");
        var database = PostgresTestResource.database();
        try (Connection append = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            // an append in flight: it holds the session row and has inserted its event, not yet committed
            append.setAutoCommit(false);
            try (PreparedStatement lock = append.prepareStatement("UPDATE sessions SET event_seq = event_seq + 1 WHERE id = ?");
                    PreparedStatement insert = append.prepareStatement(
                            "INSERT INTO session_events (session_id, seq, stream_id) VALUES (?, 1, 's')")) {
                lock.setString(1, id);
                assertEquals(1, lock.executeUpdate());
                insert.setString(1, id);
                insert.executeUpdate();
            }
            HttpRequest delete = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + session(id)))
                    .header("Authorization", "Bearer " + Api.KEY).DELETE().build();
            CompletableFuture<HttpResponse<Void>> deleted = HttpClient.newHttpClient()
                    .sendAsync(delete, HttpResponse.BodyHandlers.discarding());
            Api.await("the delete to wait for the append's row lock", Duration.ofSeconds(10), () -> database.queryLong(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                            + " AND query LIKE '%DELETE FROM sessions%'") > 0);
            append.commit();
            assertEquals(204, deleted.get(10, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(0, database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", id),
                "the event committed while the delete waited went with the session");
    }
}
