package io.mcp.sessionstore.db;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * A statement scheduled on a connection that PostgreSQL has just closed (a fast shutdown terminates
 * every backend: pg_terminate_backend here) fails in the reactive client with a stack-less "Connection
 * is not active now": the database's unavailability, 503, not a 500 (the likely cause of the one 500
 * in 4,616 requests that the fault suite's database restart once saw). A real connection to the
 * tests' PostgreSQL.
 */
class DatabaseFailuresOnClosedConnectionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final TestDatabase database = PostgresTestResource.database();
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void statementWhenItsConnectionWasClosedByTheServerThenUnavailable() throws Exception {
        PgConnection connection = connect();
        AtomicBoolean closed = new AtomicBoolean();
        connection.closeHandler(ignored -> closed.set(true));
        terminateBackendOf(connection);
        Api.await("the client to see its connection closed", DEADLINE, closed::get);

        Throwable failure = failureOf(connection.query("SELECT 1").execute());

        assertTrue(DatabaseFailures.isUnavailable(failure), "unavailable: " + failure);
    }

    private PgConnection connect() throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(database.reactiveUrl()).setUser(database.username())
                .setPassword(database.password());
        return PgConnection.connect(vertx, options)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void terminateBackendOf(PgConnection connection) {
        assertTrue("t".equals(database.queryString("SELECT pg_terminate_backend(?)", connection.processId())),
                "the backend was terminated");
    }

    private static Throwable failureOf(Future<?> statement) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        statement.onComplete(result -> failure.complete(result.cause()));
        Throwable cause = failure.get(30, TimeUnit.SECONDS);
        assertNotNull(cause, "the statement failed");
        return cause;
    }
}
