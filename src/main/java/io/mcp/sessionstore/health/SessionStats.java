package io.mcp.sessionstore.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    /** Per upstream of the gateway (sessions with an upstream link): live sessions and re-initializations. */
    static final NamedSql UPSTREAMS = NamedSql.of("""
            SELECT server_id, count(*) FILTER (WHERE expires_at > now()) AS active,
                   coalesce(sum(upstream_reinitializations) FILTER (WHERE expires_at > now()), 0) AS reinitializations
            FROM sessions WHERE upstream_session IS NOT NULL GROUP BY server_id ORDER BY server_id""");

    /** One upstream's figures over its live gateway sessions. */
    public record UpstreamCounts(String id, long activeSessions, long reinitializations) {
    }

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

    public Uni<List<UpstreamCounts>> upstreams(Duration timeout) {
        return database.execute(UPSTREAMS, Map.of(), timeout).map(rows -> {
            List<UpstreamCounts> upstreams = new ArrayList<>();
            rows.forEach(row -> upstreams.add(new UpstreamCounts(row.getString("server_id"), row.getLong("active"),
                    row.getLong("reinitializations"))));
            return upstreams;
        });
    }

    public Uni<Void> ping(Duration timeout) {
        return database.execute(PING, Map.of(), timeout).replaceWithVoid();
    }
}
