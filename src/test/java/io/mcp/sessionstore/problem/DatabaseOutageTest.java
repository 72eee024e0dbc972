package io.mcp.sessionstore.problem;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A database that cannot be reached: 503 with Retry-After on every route, readiness DOWN,
 * /session-health unhealthy; and the service recovers by itself when the database returns.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void requestsWhenDatabaseDownThenServiceUnavailableAndRecoverAfterRestart() {
        String id = createSession("{\"serverId\":\"outage\"}");
        api().post(session(id) + "/activity").then().statusCode(200);
        TestDatabase database = PostgresTestResource.database();

        database.stop();
        try {
            Api.await("503 while the database is down", Duration.ofSeconds(30),
                    () -> api().get(session(id)).statusCode() == 503);
            api().get(session(id)).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
            api().post(session(id) + "/activity").then().statusCode(503).header("Retry-After", notNullValue());
            api().post("/sessions").then().statusCode(503);
            api().get("/sessions").then().statusCode(503);
            Api.await("readiness DOWN", Duration.ofSeconds(30),
                    () -> given().get("/q/health/ready").statusCode() == 503);
            given().get("/q/health/live").then().statusCode(200);
            api().get("/session-health").then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo("unhealthy"))
                    .body("database", equalTo("disconnected"))
                    .body("timestamp", notNullValue());
        } finally {
            database.start();
        }

        Api.await("the service to reach the database again", Duration.ofSeconds(60),
                () -> api().get(session(id)).statusCode() == 200);
        Api.await("readiness UP", Duration.ofSeconds(30), () -> given().get("/q/health/ready").statusCode() == 200);
        api().get("/session-health").then().statusCode(200).body("status", equalTo("healthy"));
        // the acknowledged activity from before the outage is still there
        api().get(session(id)).then().statusCode(200).body("metrics.requests", equalTo(1));
        api().post(session(id) + "/activity").then().statusCode(200).body("metrics.requests", equalTo(2));
    }
}
