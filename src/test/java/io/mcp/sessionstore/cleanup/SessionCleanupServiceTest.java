package io.mcp.sessionstore.cleanup;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Passes;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionCleanupServiceTest {

    @Inject
    SessionCleanupService cleanup;

    @Test
    void cleanupWhenSessionsExpiredThenExactlyThoseDeleted() {
        List<String> live = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            live.add(createSession("{}"));
            String id = createSession("{}");
            Passes.expire(id);
            expired.add(id);
        }

        SessionCleanupService.PassResult result = Passes.run(cleanup);

        assertNull(result.error());
        TestDatabase database = PostgresTestResource.database();
        for (String id : expired) {
            assertEquals(0, database.queryLong("SELECT count(*) FROM sessions WHERE id = ?", id), id);
        }
        for (String id : live) {
            api().get(session(id)).then().statusCode(200);
        }
        assertEquals(0, database.queryLong("SELECT count(*) FROM sessions WHERE expires_at < now()"));
    }

    @Test
    void cleanupWhenExpiryExtendedDuringPassThenSessionSurvives() throws Exception {
        String id = createSession("{}");
        Passes.expire(id);
        TestDatabase database = PostgresTestResource.database();
        try (Connection writer = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            writer.setAutoCommit(false);
            // an extension in flight: the row is locked and its new expiry not yet committed
            try (PreparedStatement extend = writer.prepareStatement("""
                    UPDATE sessions SET expires_at = now() + interval '1 hour', cleanup_due_at = now() + interval '1 hour'
                    WHERE id = ?""")) {
                extend.setString(1, id);
                assertEquals(1, extend.executeUpdate());
            }
            SessionCleanupService.PassResult result = CompletableFuture.supplyAsync(() -> Passes.run(cleanup))
                    .get(30, TimeUnit.SECONDS); // the pass skips the locked row rather than wait for it
            assertNull(result.error());
            writer.commit();
        }
        api().get(session(id)).then().statusCode(200);
        Passes.run(cleanup);
        api().get(session(id)).then().statusCode(200);
    }

    @Test
    void cleanupWhenThreePassesAtOnceOver20000ExpiredThenEachDeletedOnce() {
        String prefix = "bulk-" + UUID.randomUUID();
        Passes.insertExpired(prefix, 20_000);
        long expiredBefore = PostgresTestResource.database().queryLong("SELECT count(*) FROM sessions WHERE expires_at < now()");

        // three replicas' passes, released together on threads of their own
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        CyclicBarrier start = new CyclicBarrier(3);
        List<SessionCleanupService.PassResult> results;
        try {
            results = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return Passes.run(cleanup);
                    }, replicas))
                    .toList().stream().map(CompletableFuture::join).toList();
        } finally {
            replicas.shutdownNow();
        }

        results.forEach(result -> assertNull(result.error(), "no pass fails, none deadlocks"));
        assertEquals(expiredBefore, results.stream().mapToLong(SessionCleanupService.PassResult::deleted).sum(),
                "every expired row deleted exactly once across the three passes: " + results);
        assertEquals(0, Passes.countWithPrefix(prefix));
        assertTrue(results.stream().filter(result -> result.deleted() > 0).count() >= 2,
                "the passes ran at once and shared the batches: " + results);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cleanupWhenGraceNotPassedThenKept() {
        String id = createSession("{}");
        PostgresTestResource.database().update("""
                UPDATE sessions SET expires_at = now() - interval '1 second', cleanup_due_at = now() - interval '1 second'
                WHERE id = ?""", id);
        // grace is 0 in the tests: a session expired a second ago is removed
        Passes.run(cleanup);
        assertEquals(0, PostgresTestResource.database().queryLong("SELECT count(*) FROM sessions WHERE id = ?", id));
    }
}
