package io.mcp.sessionstore.health;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * HEALTH_DB_PROBE=passive: readiness does not query an idle database (so Neon can scale to zero),
 * turns DOWN once real work finds the database gone, and UP again when a probe reaches it.
 */
@QuarkusTest
@TestProfile(PassiveDatabaseProbeTest.Passive.class)
class PassiveDatabaseProbeTest {

    public static class Passive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("health.db-probe", "passive", "health.db-probe-cache", "1s");
        }
    }

    @Test
    void readinessWhenPassiveThenJudgedFromTrafficAndRecoversByProbing() {
        String id = createSession("{}");
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'database' }.data.probe", equalTo("passive"));
        TestDatabase database = PostgresTestResource.database();
        database.stop();
        try {
            // idle: nothing has failed yet, and the probe does not ask the database
            given().get("/q/health/ready").then().statusCode(200);
            Api.await("a request to find the database gone", Duration.ofSeconds(30),
                    () -> api().get(session(id)).statusCode() == 503);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.data.database", equalTo("disconnected"));
        } finally {
            database.start();
        }
        Api.await("readiness UP after the database returned", Duration.ofSeconds(30),
                () -> given().get("/q/health/ready").statusCode() == 200);
        api().get(session(id)).then().statusCode(200);
    }

    /**
     * Only real database outcomes feed passive readiness: a stateless tools/list never touches the
     * database, and the health tool swallows the failures it reports, so neither may turn it UP.
     */
    @Test
    void readinessWhenPassiveAndDatabaseDownThenStatelessMcpAndHealthToolKeepItDown() {
        String id = createSession("{}");
        TestDatabase database = PostgresTestResource.database();
        database.stop();
        try {
            Api.await("a request to find the database gone", Duration.ofSeconds(30),
                    () -> api().get(session(id)).statusCode() == 503);
            given().get("/q/health/ready").then().statusCode(503);
            stateless("tools/list", "{}").then().statusCode(200).body("result.tools.size()", equalTo(2));
            stateless("tools/call", "{\"name\":\"session_health_check\"}").then().statusCode(200)
                    .body("result.structuredContent.database", equalTo("disconnected"))
                    .body("result.isError", equalTo(true));
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.data.database", equalTo("disconnected"));
        } finally {
            database.start();
        }
        Api.await("readiness UP after the database returned", Duration.ofSeconds(30),
                () -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static io.restassured.response.Response stateless(String method, String params) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}";
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
                + params.replaceFirst("}$", (params.equals("{}") ? "" : ",") + meta + "}") + "}";
        var request = api().accept("application/json, text/event-stream").contentType("application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
        if (method.equals("tools/call")) {
            request = request.header("Mcp-Name", "session_health_check");
        }
        return request.body(body).post("/mcp");
    }
}
