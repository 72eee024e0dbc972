package io.mcp.sessionstore.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.VertxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * A batch that PostgreSQL refuses to serve at all (here: a role allowed no connection, SQLSTATE
 * 53300, as a restarting server's 57P03) fails its callers with that unavailability at once; it is
 * not tried again caller by caller, which would only add a connection attempt each. A real pool on
 * the tests' PostgreSQL.
 */
class StatementBatcherRefusalTest {

    private static final String ROLE = "batcher_refused";

    private final TestDatabase database = PostgresTestResource.database();
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        // one event loop: the calls below are all queued before any answer can come back
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        database.update("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN PASSWORD 'refused' CONNECTION LIMIT 0; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    @AfterEach
    void closeVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void batchWhenPostgresRefusesTheConnectionThenEveryCallerUnavailableAndNoneTriedAgainAlone() throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(database.reactiveUrl()).setUser(ROLE).setPassword("refused");
        Pool pool = Pool.pool(vertx, options, new PoolOptions().setMaxSize(4));
        // every round trip is a span (BatchSpans), a caller's retry alone too: the spans tell how many went
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        StatementBatcher batcher = new StatementBatcher(pool, HotStatement.of("REFUSED", "SELECT CAST(:n AS int) AS n"), 64,
                (form, size) -> { }, new BatchSpans(tracing.get("test")));
        List<CompletableFuture<Throwable>> failures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            failures.add(new CompletableFuture<>());
        }
        vertx.getOrCreateContext().runOnContext(() -> {
            for (int i = 0; i < 8; i++) {
                CompletableFuture<Throwable> failure = failures.get(i);
                batcher.execute(Map.of("n", i)).subscribe().with(
                        row -> failure.completeExceptionally(new AssertionError("a row from a refused connection")),
                        failure::complete);
            }
        });
        for (CompletableFuture<Throwable> failure : failures) {
            Throwable cause = failure.get(30, TimeUnit.SECONDS);
            assertTrue(DatabaseFailures.isUnavailable(cause), "the database's unavailability: " + cause);
        }
        pool.closeAndAwait();
        List<String> roundTrips = spans.getFinishedSpanItems().stream()
                .map(span -> span.getAttributes().get(BatchSpans.FORM) + ":" + span.getAttributes().get(BatchSpans.SIZE))
                .toList();
        tracing.close(); // (empties the exporter)
        assertEquals(List.of("alone:1", "pipelined:7"), roundTrips,
                "the first call alone, the seven queued behind it as one batch, and no caller again alone");
    }
}
