package io.mcp.sessionstore.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.HotStatement;
import io.mcp.sessionstore.db.NamedSql;
import io.mcp.sessionstore.db.SqlValues;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Queries only. Append and replay, the hot paths, are statements of {@link EventSql} on the reactive
 * client; the health check's listing of recent events is a Panache query (cold, read-only).
 */
@ApplicationScoped
class EventRepository implements PanacheRepositoryBase<SessionEventEntity, SessionEventEntity.Key> {

    private static final HotStatement APPEND = HotStatement.of("APPEND", EventSql.APPEND);
    private static final NamedSql REPLAY_STATE = NamedSql.of(EventSql.REPLAY_STATE);
    private static final NamedSql EVENTS_AFTER = NamedSql.of(EventSql.EVENTS_AFTER);
    private static final NamedSql SESSION_EVENTS_AFTER = NamedSql.of(EventSql.SESSION_EVENTS_AFTER);
    private static final NamedSql NOTIFY = NamedSql.of(EventSql.NOTIFY);

    /** How far a live session's events were trimmed, and the stream of the event a replay starts after. */
    record ReplayState(long trimmedThrough, String afterStream) {
    }

    /** A stored event: its message bytes as EventCodec wrote them (null for a priming event). */
    record StoredEvent(long seq, String streamId, byte[] message, boolean compressed, Instant createdAt) {
    }

    private final Database database;

    EventRepository(Database database) {
        this.database = database;
    }

    /** The last sequence number taken (the events have the ones before it), or null without a live session. */
    Uni<Long> append(String sessionId, String streamId, EncodedEvents messages, int cap) {
        return database.executeBatched(APPEND, Map.of("sessionId", sessionId, "streamId", streamId,
                "eventCount", (long) messages.count(), "cap", (long) cap, "messages", messages.data(),
                "compressed", messages.compressed(), "channel", EventSql.CHANNEL))
                .map(row -> row == null ? null : row.getLong("event_seq"));
    }

    /** Null when the session is absent or expired. */
    Uni<ReplayState> replayState(String sessionId, long afterSeq) {
        return database.execute(REPLAY_STATE, Map.of("sessionId", sessionId, "afterSeq", afterSeq)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new ReplayState(row.getLong("events_trimmed_through"), row.getString("after_stream"));
        });
    }

    Uni<List<StoredEvent>> eventsAfter(String sessionId, String streamId, long afterSeq, int limit) {
        return database.execute(EVENTS_AFTER, Map.of("sessionId", sessionId, "streamId", streamId,
                "afterSeq", afterSeq, "limit", (long) limit)).map(rows -> {
                    List<StoredEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(stored(row, streamId)));
                    return events;
                });
    }

    /** The events of all the session's streams after {@code afterSeq}, in sequence order. */
    Uni<List<StoredEvent>> sessionEventsAfter(String sessionId, long afterSeq, int limit) {
        return database.execute(SESSION_EVENTS_AFTER, Map.of("sessionId", sessionId, "afterSeq", afterSeq,
                "limit", (long) limit)).map(rows -> {
                    List<StoredEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(stored(row, row.getString("stream_id"))));
                    return events;
                });
    }

    Uni<Void> notifyFollowers(String sessionId) {
        return database.execute(NOTIFY, Map.of("sessionId", sessionId, "channel", EventSql.CHANNEL)).replaceWithVoid();
    }

    private static StoredEvent stored(Row row, String streamId) {
        Buffer message = row.getBuffer("message");
        return new StoredEvent(row.getLong("seq"), streamId, message == null ? null : message.getBytes(),
                row.getBoolean("compressed"), SqlValues.instant(row, "created_at"));
    }

    /** A session's newest events, all streams, newest first. */
    @WithSession
    Uni<List<SessionEventEntity>> recent(String sessionId, int limit) {
        return find("sessionId", Sort.descending("seq"), sessionId).page(0, limit).list();
    }
}
