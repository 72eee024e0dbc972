package io.mcp.sessionstore.config;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One pooled connection, without the prepared-statement cache (DB_PREPARED_STATEMENT_CACHE=false,
 * as behind a PgBouncer that does not track prepared statements); the rest of the suite runs with
 * it. Every endpoint works: no request holds a connection while it waits for another (it would
 * wait for itself here, then 503), and every statement runs unnamed, twice over.
 */
@QuarkusTest
@TestProfile(OneUncachedConnectionTest.OneUncachedConnection.class)
class OneUncachedConnectionTest {

    public static class OneUncachedConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.cache-prepared-statements", "false",
                    "quarkus.datasource.reactive.max-size", "1");
        }
    }

    @Test
    void sessionsAndEventsWhenEveryKindOfStatementRunsTwiceThenSameResults() {
        for (int round = 1; round <= 2; round++) {
            String id = Api.createSession("{\"serverId\":\"cached\",\"attributes\":{\"round\":" + round + "}}");
            api().get(session(id)).then().statusCode(200).body("attributes.round", equalTo(round));
            json().body("{\"toolCall\":{\"name\":\"t\"}}").post(session(id) + "/activity").then().statusCode(200)
                    .body("metrics.toolCalls", equalTo(1));
            json().body("{\"messages\":[{\"n\":1},null]}").post(session(id) + "/streams/s/events").then()
                    .statusCode(201).body("ids", hasSize(2));
            api().get(session(id) + "/streams/s/events").then().statusCode(200).body("events", hasSize(2));
            json().body("{\"serverId\":\"replaced\"}").put(session(id)).then().statusCode(200);
            json().header("If-Match", "*").body("{\"serverId\":\"again\"}").put(session(id)).then().statusCode(200);
            api().contentType("application/merge-patch+json").body("{\"attributes\":{\"patched\":true}}")
                    .patch(session(id)).then().statusCode(200).body("attributes.patched", equalTo(true));
            api().get("/sessions?serverId=again").then().statusCode(200).body("items.id", hasItem(id));
            api().delete(session(id)).then().statusCode(204);
            api().get(session(id)).then().statusCode(404);
        }
    }

    @Test
    void mcpWhenInitializedAndToolsCalledThenServedOnTheOneConnection() {
        String id = McpTransportTest.initialize(Api.KEY); // initialize, then notifications/initialized
        String sse = McpTransportTest.mcp(Api.KEY).header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"session_health_check\"}}")
                .post("/mcp").then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"database\":\"connected\""), sse);
        api().get(session(id)).then().statusCode(200).body("initialized", equalTo(true));
        given().header("Authorization", "Bearer " + Api.KEY).header("Mcp-Session-Id", id).delete("/mcp").then()
                .statusCode(204);
    }
}
