package io.mcp.sessionstore.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Store-wide figures and the liveness of the database, straight on the reactive pool: these run
 * outside any request's Hibernate session (probes, metric scrapes).
 */
@ApplicationScoped
public class SessionStats {

    /** One sequential scan; expired rows are the ones cleanup has not removed yet. */
    static final String COUNT_SESSIONS = """
            SELECT count(*) AS total, count(*) FILTER (WHERE expires_at > now()) AS active FROM sessions""";
    static final String PING = "SELECT 1";

    public record Counts(long total, long active) {
        public long expired() {
            return total - active;
        }
    }

    private final Pool pool;
    private final DatabaseCalls database;

    public SessionStats(Pool pool, DatabaseCalls database) {
        this.pool = pool;
        this.database = database;
    }

    public Uni<Counts> counts(Duration timeout) {
        return database.bounded(pool.query(COUNT_SESSIONS).execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("total"), row.getLong("active"));
                }), timeout);
    }

    public Uni<Void> ping(Duration timeout) {
        return database.bounded(pool.query(PING).execute().replaceWithVoid(), timeout);
    }
}
