package io.mcp.sessionstore.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The tests' PostgreSQL behind a transaction-mode PgBouncer, handed to the application the way a
 * deployment on Neon's pooled endpoint is configured: DATABASE_URL (so DatabaseUrl derives the
 * datasource) and DB_PREPARED_STATEMENT_CACHE=false (PgBouncer 1.18 cannot keep prepared
 * statements). Tests reach the same database directly through {@link PostgresTestResource#database()}.
 */
public class PgBouncerTestResource implements QuarkusTestResourceLifecycleManager {

    private static PgBouncer pgBouncer;

    /** The PgBouncer of the running application, for tests that look at its statistics. */
    public static synchronized PgBouncer pgBouncer() {
        if (pgBouncer == null) {
            throw new IllegalStateException("PgBouncerTestResource has not started");
        }
        return pgBouncer;
    }

    @Override
    public synchronized Map<String, String> start() {
        pgBouncer = PgBouncer.start(PostgresTestResource.database());
        return Map.of("DATABASE_URL", pgBouncer.databaseUrl(), "DB_PREPARED_STATEMENT_CACHE", "false");
    }

    @Override
    public synchronized void stop() {
        if (pgBouncer != null) {
            pgBouncer.close();
            pgBouncer = null;
        }
    }
}
