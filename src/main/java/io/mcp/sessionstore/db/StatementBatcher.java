package io.mcp.sessionstore.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * One hot statement whose callers share round trips and commits: a call that finds none of its
 * kind in flight goes at once, alone (a lone request is as fast as unbatched); calls that arrive
 * while one is in flight wait for it and then go together, up to {@code maxSize}: as the
 * statement's rows form when it has one and the batch suits it (one statement for all, see
 * {@link HotStatement}), else pipelined (Parse once, a Bind/Execute per caller, one Sync). Either
 * way PostgreSQL runs the batch as one implicit transaction, so one commit. Each caller gets its own
 * row (or null). One batch in flight, not several: the largest batches were the fastest for every
 * hot statement (docs/design-notes.md, batch lanes). When a batch fails in PostgreSQL, its callers
 * are tried again one by one, so a failure reaches only the callers whose statement fails (unless
 * PostgreSQL refused to serve at all: then they all get its unavailability, see oneByOne). Results
 * come on each caller's own Vert.x context (Hibernate Reactive work chained after it must stay there).
 * Each round trip is a span ({@link BatchSpans}), current while the statement is sent (work the
 * client does then, its own spans if they are ever turned on, belongs to the batch, not to whichever
 * request's context the batcher runs on).
 */
final class StatementBatcher {

    /**
     * How a round trip went: the tag of mcp_db_batch_size. RETRIED is a caller's own round trip after
     * its batch failed (that caller was counted in the batch's form too): how often batches fail.
     */
    enum Form {
        ALONE, PIPELINED, ONE_STATEMENT, RETRIED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Told the form and size of each round trip. */
    interface Sent {
        void sent(Form form, int size);
    }

    private record Waiting(Map<String, ?> parameters, UniEmitter<? super Row> emitter, Context context,
            java.util.concurrent.atomic.AtomicBoolean abandoned, io.opentelemetry.context.Context trace) {
    }

    private final Pool pool;
    private final HotStatement statement;
    private final int maxSize;
    private final Sent sent;
    private final BatchSpans spans;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private boolean inFlight;

    StatementBatcher(Pool pool, HotStatement statement, int maxSize, Sent sent, BatchSpans spans) {
        this.pool = pool;
        this.statement = statement;
        this.maxSize = maxSize;
        this.sent = sent;
        this.spans = spans;
    }

    /** The caller's row, or null when its statement returned none. */
    Uni<Row> execute(Map<String, ?> parameters) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting waiting = new Waiting(parameters, emitter, Vertx.currentContext(), new java.util.concurrent.atomic.AtomicBoolean(),
                    io.opentelemetry.context.Context.current());
            // a caller that gave up (SESSION_DB_TIMEOUT) before its batch went is not sent: a slow database
            // would otherwise get every abandoned write late, and the queue would only grow
            emitter.onTermination(() -> waiting.abandoned().set(true));
            synchronized (this) {
                queue.add(waiting);
                if (inFlight) {
                    return;
                }
                inFlight = true;
            }
            sendNext();
        });
    }

    private void sendNext() {
        List<Waiting> batch = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && batch.size() < maxSize) {
                Waiting next = queue.poll();
                if (!next.abandoned().get()) {
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                inFlight = false;
                return;
            }
        }
        if (batch.size() == 1) {
            alone(batch.getFirst(), Form.ALONE, this::sendNext);
            return;
        }
        List<Map<String, ?>> parameters = batch.stream().<Map<String, ?>>map(Waiting::parameters).toList();
        boolean oneStatement = statement.rowsFormServes(parameters);
        Form form = oneStatement ? Form.ONE_STATEMENT : Form.PIPELINED;
        sent.sent(form, batch.size());
        Span span = spans.start(statement, form, batch.stream().map(Waiting::trace).toList());
        Uni<Row[]> rows = oneStatement ? inOneStatement(parameters) : pipelined(parameters);
        try (Scope ignored = batch.getFirst().trace().with(span).makeCurrent()) {
            rows.subscribe().with(
                    each -> {
                        BatchSpans.end(span, null);
                        for (int i = 0; i < batch.size(); i++) {
                            answer(batch.get(i), each[i], null);
                        }
                        sendNext();
                    },
                    failure -> {
                        BatchSpans.end(span, failure);
                        if (failure instanceof io.vertx.pgclient.PgException && !DatabaseFailures.isUnavailable(failure)) {
                            oneByOne(batch, 0);
                            return;
                        }
                        batch.forEach(waiting -> answer(waiting, null, failure));
                        sendNext();
                    });
        }
    }

    /** One caller's statement in a round trip of its own (counted, and its span), then {@code next}. */
    private void alone(Waiting waiting, Form form, Runnable next) {
        sent.sent(form, 1);
        Span span = spans.start(statement, form, List.of(waiting.trace()));
        try (Scope ignored = waiting.trace().with(span).makeCurrent()) {
            single(waiting).subscribe().with(
                    row -> { BatchSpans.end(span, null); answer(waiting, row, null); next.run(); },
                    failure -> { BatchSpans.end(span, failure); answer(waiting, null, failure); next.run(); });
        }
    }

    private Uni<Row> single(Waiting waiting) {
        NamedSql single = statement.single();
        return Uni.createFrom().deferred(() -> pool.preparedQuery(single.sql()).execute(single.bind(waiting.parameters())))
                .map(StatementBatcher::first);
    }

    /** The rows form: each row names its caller (batch_ord, from 1). */
    private Uni<Row[]> inOneStatement(List<Map<String, ?>> parameters) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(statement.rows().sql())
                .execute(statement.bindRows(parameters))).map(rows -> {
            Row[] each = new Row[parameters.size()];
            for (Row row : rows) {
                each[(int) (row.getLong(HotStatement.BATCH_ORD) - 1)] = row;
            }
            return each;
        });
    }

    private Uni<Row[]> pipelined(List<Map<String, ?>> parameters) {
        NamedSql single = statement.single();
        return Uni.createFrom().deferred(() -> pool.preparedQuery(single.sql())
                .executeBatch(parameters.stream().map(single::bind).toList())).map(rows -> {
            Row[] each = new Row[parameters.size()];
            RowSet<Row> result = rows;
            for (int i = 0; i < each.length && result != null; i++) {
                each[i] = first(result);
                result = result.next();
            }
            return each;
        });
    }

    private static Row first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    /**
     * A statement of the batch failed, so PostgreSQL rolled the batch back whole: each of its callers
     * again, alone, in order, then the queue. Not after a lost connection: the batch may have
     * committed, and an increment sent twice would count twice. Nor when PostgreSQL said it cannot
     * serve now (starting up, shutting down, out of connections, a statement timeout:
     * DatabaseFailures.isUnavailable): each caller's own try would only meet the same refusal, one
     * more connection attempt each against a database that is restarting.
     */
    private void oneByOne(List<Waiting> batch, int index) {
        if (index == batch.size()) {
            sendNext();
            return;
        }
        alone(batch.get(index), Form.RETRIED, () -> oneByOne(batch, index + 1));
    }

    private static void answer(Waiting waiting, Row row, Throwable failure) {
        Runnable deliver = () -> {
            if (failure != null) {
                waiting.emitter().fail(failure);
            } else {
                waiting.emitter().complete(row);
            }
        };
        Context caller = waiting.context();
        Context current = Vertx.currentContext();
        if (caller == null || (current != null && caller.getDelegate() == current.getDelegate())) {
            deliver.run();
        } else {
            caller.runOnContext(deliver);
        }
    }
}
