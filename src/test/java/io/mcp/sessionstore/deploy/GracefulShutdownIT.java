package io.mcp.sessionstore.deploy;

import static io.mcp.sessionstore.testing.Api.session;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.TestDatabase;

/** SIGTERM: stop taking requests, finish the ones in flight, exit 0 within the shutdown timeout. */
class GracefulShutdownIT {

    @Test
    void terminateWhenRequestInFlightThenItCompletesAndProcessExitsZero() throws Exception {
        TestDatabase database = PostgresTestResource.database();
        String id;
        try (ServiceProcess service = new ServiceProcess("graceful",
                Map.of("SHUTDOWN_TIMEOUT", "20s", "SESSION_DB_TIMEOUT", "30s")).start()) {
            id = given().baseUri(service.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .post("/sessions").then().statusCode(201).extract().path("id");
            CompletableFuture<HttpResponse<String>> inFlight;
            try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
                lock.setAutoCommit(false);
                try (PreparedStatement hold = lock.prepareStatement("SELECT 1 FROM sessions WHERE id = ? FOR UPDATE")) {
                    hold.setString(1, id);
                    hold.executeQuery();
                }
                // an activity call that waits on the row lock: in flight until the lock goes
                inFlight = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(HttpRequest.newBuilder(
                        URI.create(service.baseUri() + session(id) + "/activity"))
                        .header("Authorization", "Bearer " + ServiceProcess.KEY)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                Api.await("the activity update to wait on the lock", Duration.ofSeconds(20), () -> database.queryLong(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE sessions SET%'") > 0);

                service.terminate();
                Api.await("new requests to be refused while the old one runs", Duration.ofSeconds(20),
                        () -> service.status("/sessions?limit=1") == 503);
                assertEquals(503, service.status("/q/health/ready"), "readiness DOWN: no new traffic is routed here");
                assertTrue(service.process().isAlive(), "the service waits for the request in flight");
                assertTrue(!inFlight.isDone(), "the request in flight is still waiting on the lock");
                lock.commit();
            }
            HttpResponse<String> response = inFlight.get();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(0, service.waitForExit(Duration.ofSeconds(25)), "exit code; log:\n" + service.log());
        }
        assertEquals(1, database.queryLong("SELECT requests FROM sessions WHERE id = ?", id), "the write was kept");
    }
}
