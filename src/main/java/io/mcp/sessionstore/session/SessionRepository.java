package io.mcp.sessionstore.session;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Queries only: each method runs one statement of {@link SessionSql} on the current Hibernate
 * Reactive session. Returned entities are detached at once, so a later statement on the same
 * session that returns the same row is never answered from the persistence context.
 */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionEntity, String> {

    public Uni<SessionEntity> findLive(String id) {
        return single(SessionSql.FIND_LIVE, Map.of("id", id));
    }

    public Uni<SessionEntity> findLiveOwned(String id, String owner) {
        return single(SessionSql.FIND_LIVE_OWNED, Map.of("id", id, "owner", owner));
    }

    public Uni<Integer> markInitialized(String id) {
        return getSession().chain(session -> session.createNativeQuery(SessionSql.MARK_INITIALIZED)
                .setParameter("id", id).executeUpdate());
    }

    /** The version of the live session with this id, or null. */
    public Uni<Long> liveVersion(String id) {
        return scalar(SessionSql.EXISTS_LIVE, Map.of("id", id));
    }

    /** Null when a live session has the id and {@code replaceLive} is false. */
    public Uni<SessionEntity> upsert(String id, SessionFields fields, int ttlSeconds, boolean replaceLive) {
        return upsert(id, fields, ttlSeconds, replaceLive, null);
    }

    /** As above, for a session owned by the API key with this id (null: no owner). */
    public Uni<SessionEntity> upsert(String id, SessionFields fields, int ttlSeconds, boolean replaceLive, String owner) {
        Map<String, Object> parameters = SessionParameters.of(id, fields, ttlSeconds);
        parameters.put("replace", replaceLive);
        parameters.put("owner", owner);
        return single(SessionSql.UPSERT, parameters);
    }

    /** Null when no live session with this id has this version. */
    public Uni<SessionEntity> replaceIfVersion(String id, long version, SessionFields fields, int ttlSeconds) {
        Map<String, Object> parameters = SessionParameters.of(id, fields, ttlSeconds);
        parameters.put("version", version);
        return single(SessionSql.REPLACE_IF_VERSION, parameters);
    }

    /** Null when no live session has this id. */
    public Uni<ActivityResult> recordActivity(String id, ActivityRequest activity, String toolCallJson,
            int maxToolCalls) {
        Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("id", id);
        parameters.put("requests", activity.requestIncrement());
        parameters.put("toolCalls", activity.toolCallIncrement());
        parameters.put("errors", activity.errorIncrement());
        parameters.put("toolCall", toolCallJson);
        parameters.put("maxToolCalls", maxToolCalls);
        return getSession().chain(session -> bind(session.createNativeQuery(SessionSql.RECORD_ACTIVITY, Object[].class),
                parameters).getSingleResultOrNull())
                .map(row -> row == null ? null : new ActivityResult((String) row[0], SqlValues.instant(row[1]),
                        new SessionView.Metrics(SqlValues.longValue(row[2]), SqlValues.longValue(row[3]),
                                SqlValues.longValue(row[4])), SqlValues.longValue(row[5])));
    }

    /** The deleted session's version, or null when no live session matched. */
    public Uni<Long> deleteLive(String id, Long ifVersion) {
        return ifVersion == null
                ? scalar(SessionSql.DELETE_LIVE, Map.of("id", id))
                : scalar(SessionSql.DELETE_LIVE_IF_VERSION, Map.of("id", id, "version", ifVersion));
    }

    public Uni<List<SessionEntity>> list(String afterId, String serverId, String state, int limit) {
        Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("after", afterId);
        parameters.put("serverId", serverId);
        parameters.put("state", state);
        parameters.put("limit", limit);
        return getSession().chain(session -> bind(session.createNativeQuery(SessionSql.LIST, SessionEntity.class),
                parameters).getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    private Uni<SessionEntity> single(String sql, Map<String, Object> parameters) {
        return getSession().chain(session -> bind(session.createNativeQuery(sql, SessionEntity.class), parameters)
                .getSingleResultOrNull()
                .invoke(entity -> {
                    if (entity != null) {
                        session.detach(entity);
                    }
                }));
    }

    private Uni<Long> scalar(String sql, Map<String, Object> parameters) {
        return getSession().chain(session -> bind(session.createNativeQuery(sql, Long.class), parameters)
                .getSingleResultOrNull());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
