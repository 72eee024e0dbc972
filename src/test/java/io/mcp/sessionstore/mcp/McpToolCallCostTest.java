package io.mcp.sessionstore.mcp;

import static io.mcp.sessionstore.mcp.McpTransportTest.initialize;
import static io.mcp.sessionstore.mcp.McpTransportTest.mcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one MCP message costs the session row, counted exactly by a row trigger on the watched
 * session: a tools/call records its activity and appends its stream in one update.
 */
@QuarkusTest
class McpToolCallCostTest {

    private final TestDatabase database = PostgresTestResource.database();

    @BeforeEach
    void watchUpdates() {
        database.update("CREATE TABLE IF NOT EXISTS watched_updates (id text PRIMARY KEY, updates int NOT NULL)");
        database.update("""
                CREATE OR REPLACE FUNCTION count_watched_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE watched_updates SET updates = updates + 1 WHERE id = NEW.id;
                    RETURN NEW;
                END $$""");
        database.update("CREATE OR REPLACE TRIGGER count_watched_update AFTER UPDATE ON sessions "
                + "FOR EACH ROW EXECUTE FUNCTION count_watched_update()");
    }

    @AfterEach
    void stopWatching() {
        database.update("DROP TRIGGER IF EXISTS count_watched_update ON sessions");
        database.update("DROP TABLE IF EXISTS watched_updates");
    }

    @Test
    void toolCallWhenAnsweredThenOneUpdateOfTheSessionRowAndItsEventsStored() {
        String id = initialize(Api.KEY);
        database.update("INSERT INTO watched_updates VALUES (?, 0)", id);
        long eventsBefore = database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", id);

        String sse = mcp(Api.KEY).header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"session_info\"}}")
                .post("/mcp").then().statusCode(200).extract().asString();

        assertEquals(1, database.queryLong("SELECT updates FROM watched_updates WHERE id = ?", id),
                "activity and the stream's events in one update of the session row");
        assertEquals(McpTransportTest.events(sse).size(),
                database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", id) - eventsBefore,
                "every event sent was stored: " + sse);
        assertEquals("1", database.queryString("SELECT tool_calls FROM sessions WHERE id = ?", id));
    }

    @Test
    void notificationWhenAcceptedThenOneUpdateAndHandshakeMarked() {
        String id = mcp(Api.KEY).body(McpTransportTest.INITIALIZE).post("/mcp").then().statusCode(200)
                .extract().header("Mcp-Session-Id");
        database.update("INSERT INTO watched_updates VALUES (?, 0)", id);
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp").then().statusCode(202);
        assertEquals(1, database.queryLong("SELECT updates FROM watched_updates WHERE id = ?", id));
        assertEquals("t", database.queryString("SELECT initialized FROM sessions WHERE id = ?", id));
        assertEquals("2", database.queryString("SELECT requests FROM sessions WHERE id = ?", id),
                "initialize and the notification, each counted once");
    }
}
