package io.mcp.sessionstore.health;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Store-wide figures and the liveness of the database, each one statement bounded by its own timeout. */
@ApplicationScoped
public class SessionStats {

    /** One sequential scan; expired rows are the ones cleanup has not removed yet. */
    static final NamedSql COUNT_SESSIONS = NamedSql.of("""
            SELECT count(*) AS total, count(*) FILTER (WHERE expires_at > now()) AS active FROM sessions""");
    static final NamedSql PING = NamedSql.of("SELECT 1");

    public record Counts(long total, long active) {
        public long expired() {
            return total - active;
        }
    }

    private final Database database;

    public SessionStats(Database database) {
        this.database = database;
    }

    public Uni<Counts> counts(Duration timeout) {
        return database.execute(COUNT_SESSIONS, Map.of(), timeout).map(rows -> {
            Row row = rows.iterator().next();
            return new Counts(row.getLong("total"), row.getLong("active"));
        });
    }

    public Uni<Void> ping(Duration timeout) {
        return database.execute(PING, Map.of(), timeout).replaceWithVoid();
    }
}
