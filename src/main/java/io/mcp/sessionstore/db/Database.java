package io.mcp.sessionstore.db;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.common.DatabaseUnavailableException;
import io.mcp.sessionstore.common.InvalidInputException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Every call to the database goes through here: bounded by SESSION_DB_TIMEOUT (a database that does
 * not answer is unavailable: 503, never a hanging request), and its outcome reported to
 * {@link DatabaseOutcomes}. Work that never reaches the database never passes here, so it can never
 * make readiness believe the database answered.
 */
@ApplicationScoped
public class Database {

    private final Pool pool;
    private final Duration timeout;
    private final DatabaseOutcomes outcomes;

    public Database(Pool pool, DatabaseConfig config, DatabaseOutcomes outcomes) {
        this.pool = pool;
        this.timeout = config.timeout();
        this.outcomes = outcomes;
    }

    /** One prepared statement on a pooled connection. */
    public Uni<RowSet<Row>> execute(NamedSql statement, Map<String, ?> parameters) {
        return execute(statement, parameters, timeout);
    }

    public Uni<RowSet<Row>> execute(NamedSql statement, Map<String, ?> parameters, Duration bound) {
        return call(Uni.createFrom().deferred(() -> pool.preparedQuery(statement.sql())
                .execute(statement.bind(parameters))), bound);
    }

    /** Statements in one transaction on one connection, committed when {@code work}'s Uni succeeds. */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return call(Uni.createFrom().deferred(() -> pool.withTransaction(work)), timeout);
    }

    /** Any other database work (a Panache query), bounded and reported the same way. */
    public <T> Uni<T> call(Uni<T> work) {
        return call(work, timeout);
    }

    private <T> Uni<T> call(Uni<T> work, Duration bound) {
        return work.ifNoItem().after(bound).failWith(() -> new DatabaseUnavailableException(
                "the database did not answer within " + bound.toMillis() + " ms", null))
                .onItem().invoke(ignored -> outcomes.recordSuccess())
                .onFailure().invoke(outcomes::recordOutcome)
                .onFailure(DatabaseFailures::isUnstorableText).transform(failure -> new InvalidInputException(
                        "invalid-characters", "the request holds a character PostgreSQL cannot store (U+0000)"));
    }
}
