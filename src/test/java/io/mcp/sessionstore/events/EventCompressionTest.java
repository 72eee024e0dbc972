package io.mcp.sessionstore.events;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** SESSION_COMPRESSION=true: a stream of 1,000 similar 10 KiB messages takes under a third of its size. */
@QuarkusTest
class EventCompressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tools/call result of about 10 KiB: the kind of message an MCP stream carries. */
    static String toolResult(int n) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; items.length() < 10_240; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":").append(n * 100 + i)
                    .append(",\"title\":\"Result ").append(i).append(" for query ").append(n)
                    .append("\",\"url\":\"https://example.org/docs/").append(n).append('/').append(i)
                    .append("\",\"score\":0.").append((n * 7 + i * 13) % 1000)
                    .append(",\"snippet\":\"Sessions survive restarts when they live in PostgreSQL; replica ")
                    .append(i % 5).append(" served it.\"}");
        }
        return "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"structuredContent\":{\"items\":[" + items + "]}}}";
    }

    @Test
    void storageWhenCompressionOnThenUnderAThirdOfRawSize() throws Exception {
        TestDatabase database = PostgresTestResource.database();
        String id = createSession("{}");
        long relationBefore = database.queryLong("SELECT pg_total_relation_size('session_events')");
        long raw = 0;
        List<String> sent = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String message = toolResult(batch * 100 + i);
                raw += message.getBytes(StandardCharsets.UTF_8).length;
                messages.add(message);
            }
            sent.addAll(messages);
            json().body("{\"messages\":[" + String.join(",", messages) + "]}")
                    .post(session(id) + "/streams/big/events").then().statusCode(201);
        }
        long stored = database.queryLong("SELECT sum(pg_column_size(message)) FROM session_events WHERE session_id = ?", id);
        long relationGrowth = database.queryLong("SELECT pg_total_relation_size('session_events')") - relationBefore;
        System.out.printf("event compression: 1000 messages, raw %d bytes, stored values %d bytes (%.1f%%), "
                + "table+toast+indexes grew %d bytes (%.1f%%)%n", raw, stored, 100.0 * stored / raw, relationGrowth,
                100.0 * relationGrowth / raw);

        assertTrue(raw >= 1000 * 10_240L, "the messages are at least 10 KiB each");
        assertTrue(stored * 3 < raw, "stored " + stored + " of raw " + raw);
        assertTrue(relationGrowth * 3 < raw, "on-disk growth " + relationGrowth + " of raw " + raw);

        String replayed = api().queryParam("limit", 1).get(session(id) + "/streams/big/events").then().statusCode(200)
                .extract().asString();
        JsonNode first = JSON.readTree(replayed).path("events").path(0).path("message");
        assertEquals(JSON.readTree(sent.get(0)), first, "a compressed message comes back as it was sent");
    }
}
