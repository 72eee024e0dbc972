package io.mcp.sessionstore.deploy;

import static io.mcp.sessionstore.testing.Api.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.config.DatabaseUrl;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.TestDatabase;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service on Neon's pooled endpoint, reproduced: a transaction-mode PgBouncer in front
 * of an empty database, and only the environment variables a deployment sets. It must migrate the
 * schema, start, serve every kind of statement and run a cleanup pass, all through PgBouncer; and
 * with DATABASE_URL_UNPOOLED beside it, migrate over the direct endpoint instead.
 */
@PgBouncerRequired
class BehindPgBouncerIT {

    /** Every migration the service ships. */
    private static final long MIGRATIONS = migrations();


    private static PgBouncer pgBouncer;

    @BeforeAll
    static void startPgBouncer() {
        pgBouncer = PgBouncer.start(PostgresTestResource.database());
    }

    @AfterAll
    static void stopPgBouncer() {
        if (pgBouncer != null) {
            pgBouncer.close();
        }
    }

    @Test
    void startWhenDatabaseUrlIsThePooledEndpointThenMigratesServesAndCleansUpThroughIt() {
        String database = freshDatabase();
        Map<String, String> environment = pooled(database);
        environment.put("SESSION_CLEANUP_INITIAL_DELAY", "1s");
        environment.put("SESSION_CLEANUP_INTERVAL", "2s");
        try (ServiceProcess service = new ServiceProcess("pgbouncer-pooled", environment)) {
            int logStart = service.log().length(); // the log file is appended to across runs
            service.start();
            assertEquals(MIGRATIONS, direct(database, "SELECT count(*) FROM flyway_schema_history WHERE success"),
                    "every migration applied through PgBouncer");
            long before = pgBouncer.transactions(database);
            exerciseEveryKindOfStatement(service);
            assertTrue(pgBouncer.transactions(database) - before >= 30, "the requests went through PgBouncer");

            direct(database, """
                    INSERT INTO sessions (id, created_at, last_activity, expires_at, cleanup_due_at, ttl_seconds)
                    SELECT 'expired-' || n, now() - interval '2 hours', now() - interval '2 hours',
                           now() - interval '1 hour', now() - interval '1 hour', 3600
                    FROM generate_series(1, 50) AS n""");
            Api.await("the first cleanup pass to delete the 50 expired sessions", Duration.ofSeconds(30),
                    () -> direct(database, "SELECT count(*) FROM sessions WHERE id LIKE 'expired-%'") == 0);
            String log = service.log().substring(logStart);
            assertFalse(log.contains(password()), "no password in the log");
            assertFalse(log.contains("already exists"), log);
            assertTrue(log.contains("MCP streams: no LISTEN (the database is behind a pooler"),
                    "no LISTEN through a transaction-mode pooler, and the log says so");
        }
    }

    @Test
    void startWhenUnpooledUrlGivenThenMigratesOverItAndServesThroughPgBouncer() {
        String database = freshDatabase();
        Map<String, String> environment = pooled(database);
        TestDatabase server = PostgresTestResource.database();
        environment.put("DATABASE_URL_UNPOOLED", server.databaseUrl().replaceFirst("/[^/?]*$", "/" + database));
        try (ServiceProcess service = new ServiceProcess("pgbouncer-unpooled", environment)) {
            int logStart = service.log().length();
            service.start();
            String log = service.log().substring(logStart);
            int directPort = DatabaseUrl.parse(server.databaseUrl()).port();
            assertTrue(log.contains(":" + directPort + "/" + database), "Flyway on the direct endpoint");
            assertFalse(log.contains(":" + pgBouncer.port() + "/"), "Flyway not through PgBouncer");
            assertEquals(MIGRATIONS, direct(database, "SELECT count(*) FROM flyway_schema_history WHERE success"));
            long before = pgBouncer.transactions(database);
            exerciseEveryKindOfStatement(service);
            assertTrue(pgBouncer.transactions(database) - before >= 30, "the requests went through PgBouncer");
            Api.await("LISTEN on the direct endpoint", Duration.ofSeconds(10), () -> service.log().substring(logStart)
                    .contains("MCP streams: LISTEN mcp_session_events on " + DatabaseUrl.parse(server.databaseUrl()).host()
                            + ":" + directPort));
        }
    }

    /** What production sets on Neon's pooled endpoint (PgBouncer 1.18 keeps no prepared statements). */
    private static Map<String, String> pooled(String database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", pgBouncer.databaseUrl(database));
        environment.put("DB_PREPARED_STATEMENT_CACHE", "false");
        return environment;
    }

    private static void exerciseEveryKindOfStatement(ServiceProcess service) {
        for (int round = 0; round < 3; round++) { // beyond any client's prepare threshold, on several connections
            String id = on(service).body("{\"serverId\":\"pooled\"}").post("/sessions").then().statusCode(201)
                    .extract().path("id");
            on(service).get(session(id)).then().statusCode(200).body("serverId", equalTo("pooled"));
            for (int call = 0; call < 6; call++) {
                on(service).body("{\"toolCall\":{\"name\":\"t\",\"durationMs\":1}}").post(session(id) + "/activity")
                        .then().statusCode(200).body("metrics.toolCalls", equalTo(call + 1));
            }
            on(service).body("{\"messages\":[{\"n\":1},null]}").post(session(id) + "/streams/s/events").then()
                    .statusCode(201).body("ids", hasSize(2));
            on(service).get(session(id) + "/streams/s/events").then().statusCode(200).body("events", hasSize(2));
            on(service).contentType("application/merge-patch+json").body("{\"attributes\":{\"p\":true}}")
                    .patch(session(id)).then().statusCode(200).body("attributes.p", equalTo(true));
            on(service).get("/sessions?serverId=pooled").then().statusCode(200);
            on(service).delete(session(id)).then().statusCode(204);
            on(service).get(session(id)).then().statusCode(404);
        }
        given().baseUri(service.baseUri()).get("/q/health/ready").then().statusCode(200);
    }

    private static RequestSpecification on(ServiceProcess service) {
        return given().baseUri(service.baseUri()).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + ServiceProcess.KEY).contentType("application/json");
    }

    /** An empty database on the tests' server, so the migrations run through what is tested. */
    private static String freshDatabase() {
        String name = "pgbouncer_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresTestResource.database().update("CREATE DATABASE " + name);
        return name;
    }

    private static long direct(String database, String sql) {
        TestDatabase server = PostgresTestResource.database();
        String url = server.jdbcUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + database);
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return statement.getUpdateCount();
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String password() {
        return DatabaseUrl.parse(pgBouncer.databaseUrl()).password().orElseThrow();
    }

    private static long migrations() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
