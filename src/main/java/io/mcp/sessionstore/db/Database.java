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
    private final DatabaseConfig config;
    private final BatchSpans spans;
    private final java.util.Map<HotStatement, StatementBatcher> batchers = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Callers per round trip of the batched statements, by form (alone, pipelined, one statement):
     * its max shows whether batches form at all.
     */
    private final java.util.Map<StatementBatcher.Form, io.micrometer.core.instrument.DistributionSummary> batchSizes =
            new java.util.EnumMap<>(StatementBatcher.Form.class);

    public Database(Pool pool, DatabaseConfig config, DatabaseOutcomes outcomes,
            io.micrometer.core.instrument.MeterRegistry meters, io.opentelemetry.api.trace.Tracer tracer) {
        this.pool = pool;
        this.spans = new BatchSpans(tracer);
        this.timeout = config.timeout();
        this.outcomes = outcomes;
        this.config = config;
        for (StatementBatcher.Form form : StatementBatcher.Form.values()) {
            batchSizes.put(form, io.micrometer.core.instrument.DistributionSummary.builder("mcp.db.batch.size")
                    .description("Requests served by one round trip (and one commit) of a batched hot statement")
                    .tag("form", form.tag()).register(meters));
        }
    }

    /**
     * A hot statement, sent with the others of its kind that arrive while one is in flight (one round
     * trip, one commit: see StatementBatcher), or alone when batching is off. The caller's row: a hot
     * statement returns at most one per caller (null: none).
     */
    public Uni<Row> executeBatched(HotStatement statement, Map<String, ?> parameters) {
        if (!config.batching()) {
            return execute(statement.single(), parameters).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
        }
        StatementBatcher batcher = batchers.computeIfAbsent(statement,
                ignored -> new StatementBatcher(pool, statement, Math.max(1, config.batchMax()),
                        (form, size) -> batchSizes.get(form).record(size), spans));
        return call(Uni.createFrom().deferred(() -> batcher.execute(parameters)), timeout);
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
