package io.mcp.sessionstore.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.mcp.sessionstore.sql.HibernateStatements;
import io.mcp.sessionstore.sql.NamedSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Queries only, each one statement of {@link EventSql}. Append and replay, the hot paths, are
 * prepared statements on the reactive client (as in SessionRepository); the health check's listing
 * runs on a Hibernate Reactive session opened for it.
 */
@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<SessionEventEntity, SessionEventEntity.Key> {

    private static final NamedSql APPEND = NamedSql.of(EventSql.APPEND);
    private static final NamedSql REPLAY_STATE = NamedSql.of(EventSql.REPLAY_STATE);
    private static final NamedSql EVENTS_AFTER = NamedSql.of(EventSql.EVENTS_AFTER);

    /** How far a live session's events were trimmed, and the stream of the event a replay starts after. */
    public record ReplayState(long trimmedThrough, String afterStream) {
    }

    /** A stored event: its message bytes as EventCodec wrote them (null for a priming event). */
    public record StoredEvent(long seq, byte[] message, boolean compressed, Instant createdAt) {
    }

    private final Pool pool;

    public EventRepository(Pool pool) {
        this.pool = pool;
    }

    /** The sequence numbers of the new events, in order; empty when the session is absent or expired. */
    public Uni<List<Long>> append(String sessionId, String streamId, int count, int cap, String messagesJson) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("sessionId", sessionId);
        parameters.put("streamId", streamId);
        parameters.put("count", (long) count);
        parameters.put("cap", (long) cap);
        parameters.put("messages", messagesJson);
        return prepared(APPEND, parameters).map(rows -> {
            List<Long> seqs = new ArrayList<>(rows.size());
            rows.forEach(row -> seqs.add(row.getLong("seq")));
            return seqs;
        });
    }

    /** Null when the session is absent or expired. */
    public Uni<ReplayState> replayState(String sessionId, long afterSeq) {
        return prepared(REPLAY_STATE, Map.of("sessionId", sessionId, "afterSeq", afterSeq)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new ReplayState(row.getLong("events_trimmed_through"), row.getString("after_stream"));
        });
    }

    public Uni<List<StoredEvent>> eventsAfter(String sessionId, String streamId, long afterSeq, int limit) {
        return prepared(EVENTS_AFTER, Map.of("sessionId", sessionId, "streamId", streamId, "afterSeq", afterSeq,
                "limit", (long) limit)).map(rows -> {
                    List<StoredEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Buffer message = row.getBuffer("message");
                        events.add(new StoredEvent(row.getLong("seq"), message == null ? null : message.getBytes(),
                                row.getBoolean("compressed"), row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return events;
                });
    }

    /** Rows of (seq, stream_id, stored_bytes, created_at), newest first. */
    public Uni<List<Object[]>> recent(String sessionId, int limit) {
        return HibernateStatements.inSession(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(EventSql.RECENT, Object[].class);
            query.setParameter("sessionId", sessionId);
            query.setParameter("limit", limit);
            return query.getResultList();
        });
    }

    private Uni<RowSet<Row>> prepared(NamedSql statement, Map<String, ?> parameters) {
        return pool.preparedQuery(statement.sql()).execute(statement.bind(parameters));
    }
}
