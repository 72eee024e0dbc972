package io.mcp.sessionstore.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One hot statement whose callers share round trips and commits: a call that finds none of its
 * kind in flight goes at once, alone (a lone request is as fast as unbatched); calls that arrive
 * while one is in flight wait for it and then go together, up to {@code maxSize}, as one pipelined
 * batch (Parse once, a Bind/Execute per caller, one Sync: PostgreSQL runs it as one implicit
 * transaction, so one commit). Each caller gets its own rows. One batch in flight, not several: the
 * largest batches were the fastest for every hot statement (docs/design-notes.md, batch lanes). When
 * a statement of a batch fails, its callers are tried again one by one, so a failure reaches only the
 * callers whose statement fails. Results come on each caller's own Vert.x context (Hibernate
 * Reactive work chained after it must stay there).
 */
final class StatementBatcher {

    private record Waiting(Tuple tuple, UniEmitter<? super RowSet<Row>> emitter, Context context) {
    }

    private final Pool pool;
    private final NamedSql statement;
    private final int maxSize;
    private final java.util.function.LongConsumer sent;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private boolean inFlight;

    /** {@code sent}: told the size of each round trip. */
    StatementBatcher(Pool pool, NamedSql statement, int maxSize, java.util.function.LongConsumer sent) {
        this.pool = pool;
        this.statement = statement;
        this.maxSize = maxSize;
        this.sent = sent;
    }

    Uni<RowSet<Row>> execute(Tuple tuple) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                queue.add(new Waiting(tuple, emitter, Vertx.currentContext()));
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
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                inFlight = false;
                return;
            }
        }
        sent.accept(batch.size());
        if (batch.size() == 1) {
            Waiting alone = batch.getFirst();
            pool.preparedQuery(statement.sql()).execute(alone.tuple()).subscribe().with(
                    rows -> { answer(alone, rows, null); sendNext(); },
                    failure -> { answer(alone, null, failure); sendNext(); });
            return;
        }
        pool.preparedQuery(statement.sql()).executeBatch(batch.stream().map(Waiting::tuple).toList()).subscribe().with(
                rows -> {
                    RowSet<Row> each = rows;
                    for (Waiting waiting : batch) {
                        answer(waiting, each, null);
                        each = each == null ? null : each.next();
                    }
                    sendNext();
                },
                failure -> {
                    if (failure instanceof io.vertx.pgclient.PgException) {
                        oneByOne(batch, 0);
                        return;
                    }
                    batch.forEach(waiting -> answer(waiting, null, failure));
                    sendNext();
                });
    }

    /**
     * A statement of the batch failed, so PostgreSQL rolled the batch back whole: each of its callers
     * again, alone, in order, then the queue. Not after a lost connection: the batch may have
     * committed, and an increment sent twice would count twice.
     */
    private void oneByOne(List<Waiting> batch, int index) {
        if (index == batch.size()) {
            sendNext();
            return;
        }
        Waiting waiting = batch.get(index);
        pool.preparedQuery(statement.sql()).execute(waiting.tuple()).subscribe().with(
                rows -> { answer(waiting, rows, null); oneByOne(batch, index + 1); },
                failure -> { answer(waiting, null, failure); oneByOne(batch, index + 1); });
    }

    private static void answer(Waiting waiting, RowSet<Row> rows, Throwable failure) {
        Runnable deliver = () -> {
            if (failure != null) {
                waiting.emitter().fail(failure);
            } else {
                waiting.emitter().complete(rows);
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
