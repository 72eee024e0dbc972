package io.mcp.sessionstore.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Queries only: the statements of {@link EventSql} on the current Hibernate Reactive session. */
@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<SessionEventEntity, SessionEventEntity.Key> {

    /** Rows of (seq, created_at) of the new events; empty when the session is absent or expired. */
    public Uni<List<Object[]>> append(String sessionId, String streamId, int count, int cap, String messagesJson) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("sessionId", sessionId);
        parameters.put("streamId", streamId);
        parameters.put("count", count);
        parameters.put("cap", cap);
        parameters.put("messages", messagesJson);
        return rows(EventSql.APPEND, parameters);
    }

    /** One row (events_trimmed_through, after_stream), or none when the session is absent or expired. */
    public Uni<List<Object[]>> replayState(String sessionId, long afterSeq) {
        return rows(EventSql.REPLAY_STATE, Map.of("sessionId", sessionId, "afterSeq", afterSeq));
    }

    /** Rows of (seq, message as base64, compressed, created_at). */
    public Uni<List<Object[]>> eventsAfter(String sessionId, String streamId, long afterSeq, int limit) {
        return rows(EventSql.EVENTS_AFTER,
                Map.of("sessionId", sessionId, "streamId", streamId, "afterSeq", afterSeq, "limit", limit));
    }

    /** Rows of (seq, stream_id, stored_bytes, created_at), newest first. */
    public Uni<List<Object[]>> recent(String sessionId, int limit) {
        return rows(EventSql.RECENT, Map.of("sessionId", sessionId, "limit", limit));
    }

    private Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
