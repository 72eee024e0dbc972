package io.mcp.sessionstore.health;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.mcp.sessionstore.testing.Passes;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionHealthResourceTest {

    @Inject
    SessionCleanupService cleanup;

    @Test
    void healthWhenNoKeyThenUnauthorized() {
        given().get("/session-health").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void healthWhenDatabaseUpThenHealthyWithCounts() {
        String live = createSession("{}");
        String expired = createSession("{}");
        Passes.expire(expired);
        api().get("/session-health").then().statusCode(200)
                .body("status", equalTo("healthy"))
                .body("database", equalTo("connected"))
                .body("total_sessions", greaterThanOrEqualTo(2))
                .body("active_sessions", greaterThanOrEqualTo(1))
                .body("expired_sessions", greaterThanOrEqualTo(1))
                .body("timestamp", notNullValue())
                .body("store", equalTo("postgresql"))
                .body("cleanup.mode", equalTo("standard"));
        org.junit.jupiter.api.Assertions.assertNotNull(live);
    }

    @Test
    void healthWhenLastCleanupFailedThenDegradedAndHealthyAfterNextPass() {
        TestDatabase database = PostgresTestResource.database();
        String id = createSession("{\"serverId\":\"cleanup-fault\"}");
        database.update("UPDATE sessions SET expires_at = timestamptz '2000-01-01', cleanup_due_at = timestamptz '2000-01-01' WHERE id = ?", id);
        database.update("""
                CREATE OR REPLACE FUNCTION test_cleanup_fault() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'cleanup test fault'; END $$ LANGUAGE plpgsql""");
        database.update("""
                CREATE TRIGGER test_cleanup_fault BEFORE DELETE ON sessions FOR EACH ROW
                WHEN (OLD.server_id = 'cleanup-fault') EXECUTE FUNCTION test_cleanup_fault()""");
        try {
            SessionCleanupService.PassResult failed = Passes.run(cleanup);
            org.junit.jupiter.api.Assertions.assertNotNull(failed.error());
            api().get("/session-health").then().statusCode(200)
                    .body("status", equalTo("degraded"))
                    .body("database", equalTo("connected"))
                    .body("cleanup.last_error", containsString("cleanup test fault"))
                    .body("cleanup.consecutive_failures", equalTo(1));
        } finally {
            database.update("DROP TRIGGER test_cleanup_fault ON sessions");
        }
        SessionCleanupService.PassResult passed = Passes.run(cleanup);
        org.junit.jupiter.api.Assertions.assertNull(passed.error());
        api().get("/session-health").then().statusCode(200)
                .body("status", equalTo("healthy"))
                .body("cleanup.last_error", nullValue())
                .body("cleanup.last_run", notNullValue())
                .body("cleanup.last_deleted", greaterThanOrEqualTo(1));
    }

    @Test
    void metricsWhenPassRanThenExposedInPrometheusFormat() {
        Passes.run(cleanup);
        api().get("/session-health").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"mcp_sessions_cleanup_deleted_total", "mcp_sessions_cleanup_duration_seconds_count",
                "mcp_sessions_cleanup_failures_total", "mcp_sessions_cleanup_last_success", "mcp_sessions_active",
                "http_server_requests_seconds_count"}) {
            org.junit.jupiter.api.Assertions.assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("mcp_sessions_active NaN"),
                "the gauge has a count after /session-health counted");
    }
}
