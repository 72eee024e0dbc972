package io.mcp.sessionstore.testing;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.quarkus.vertx.VertxContextSupport;

/** Runs a cleanup pass from a test thread on a Vert.x context, as the scheduler does. */
public final class Passes {

    private Passes() {
    }

    public static SessionCleanupService.PassResult run(SessionCleanupService cleanup) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> cleanup.runPass("test"));
        } catch (Throwable e) {
            throw new AssertionError("a cleanup pass must never fail its caller", e);
        }
    }

    /** Inserts {@code count} sessions that expired an hour ago, ids {@code prefix}-1..count. */
    public static void insertExpired(String prefix, int count) {
        PostgresTestResource.database().update("""
                INSERT INTO sessions (id, created_at, last_activity, expires_at, cleanup_due_at, ttl_seconds)
                SELECT ? || '-' || n, now() - interval '2 hours', now() - interval '2 hours',
                       now() - interval '1 hour' - n * interval '1 millisecond',
                       now() - interval '1 hour' - n * interval '1 millisecond', 3600
                FROM generate_series(1, ?) AS n""", prefix, count);
    }

    public static long countWithPrefix(String prefix) {
        return PostgresTestResource.database().queryLong("SELECT count(*) FROM sessions WHERE id LIKE ?", prefix + "-%");
    }

    public static void expire(String id) {
        PostgresTestResource.database().update("""
                UPDATE sessions SET expires_at = now() - interval '1 minute', cleanup_due_at = now() - interval '1 minute'
                WHERE id = ?""", id);
    }
}
