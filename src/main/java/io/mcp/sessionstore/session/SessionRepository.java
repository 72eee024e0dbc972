package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.sql.HibernateStatements.inSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.mcp.sessionstore.events.SessionEvents;
import io.mcp.sessionstore.sql.NamedSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Queries only, each one statement of {@link SessionSql}. Read, activity, create and delete (the
 * calls every MCP request or initialize makes) run as prepared statements on the reactive client:
 * one round trip, no Hibernate session, and clear of Hibernate Reactive's native-query plan cache,
 * which never hits (see application.properties); delete takes the session's events in a second
 * statement of its transaction. The others (conditional replace, list, version lookups) run on
 * Hibernate Reactive, each on a session opened for it; the entities they return are detached at
 * once, so a later statement on the same session is never answered from the persistence context.
 */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionEntity, String> {

    private static final NamedSql FIND_LIVE = NamedSql.of(SessionSql.FIND_LIVE);
    private static final NamedSql FIND_LIVE_OWNED = NamedSql.of(SessionSql.FIND_LIVE_OWNED);
    private static final NamedSql RECORD_ACTIVITY = NamedSql.of(SessionSql.RECORD_ACTIVITY);
    private static final NamedSql UPSERT = NamedSql.of(SessionSql.UPSERT);
    private static final NamedSql DELETE_LIVE = NamedSql.of(SessionSql.DELETE_LIVE);
    private static final NamedSql DELETE_LIVE_IF_VERSION = NamedSql.of(SessionSql.DELETE_LIVE_IF_VERSION);

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    // --- the reactive client: read, activity, create, delete -----------------------------------

    public Uni<SessionEntity> findLive(String id) {
        return prepared(FIND_LIVE, Map.of("id", id)).map(rows -> first(rows, SessionRows::entity));
    }

    /** A live session as its owner (the API key that created it through /mcp) sees it. */
    public Uni<SessionEntity> findLiveOwned(String id, String owner) {
        return prepared(FIND_LIVE_OWNED, Map.of("id", id, "owner", owner)).map(rows -> first(rows, SessionRows::entity));
    }

    /** Null when no live session has this id. */
    public Uni<ActivityResult> recordActivity(String id, ActivityRequest activity, String toolCallJson,
            int maxToolCalls) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("requests", activity.requestIncrement());
        parameters.put("toolCalls", activity.toolCallIncrement());
        parameters.put("errors", activity.errorIncrement());
        parameters.put("toolCall", toolCallJson);
        parameters.put("maxToolCalls", (long) maxToolCalls);
        return prepared(RECORD_ACTIVITY, parameters).map(rows -> first(rows, SessionRows::activity));
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
        return prepared(UPSERT, parameters).map(rows -> first(rows, SessionRows::entity));
    }

    /** The deleted session's version, or null when no live session matched. Its events go with it. */
    public Uni<Long> deleteLive(String id, Long ifVersion) {
        NamedSql statement = ifVersion == null ? DELETE_LIVE : DELETE_LIVE_IF_VERSION;
        Map<String, Object> parameters = ifVersion == null ? Map.of("id", id) : Map.of("id", id, "version", ifVersion);
        return pool.withTransaction(connection -> connection.preparedQuery(statement.sql())
                .execute(statement.bind(parameters))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().<Long>nullItem()
                        : SessionEvents.deleteOf(connection, id)
                                .replaceWith(rows.iterator().next().getLong("version"))));
    }

    private Uni<RowSet<Row>> prepared(NamedSql statement, Map<String, ?> parameters) {
        return pool.preparedQuery(statement.sql()).execute(statement.bind(parameters));
    }

    private static <T> T first(RowSet<Row> rows, java.util.function.Function<Row, T> mapping) {
        return rows.size() == 0 ? null : mapping.apply(rows.iterator().next());
    }

    // --- the rest: Hibernate Reactive ----------------------------------------------------------

    public Uni<Integer> markInitialized(String id) {
        return inSession(session -> session.createNativeQuery(SessionSql.MARK_INITIALIZED)
                .setParameter("id", id).executeUpdate());
    }

    /** The version of the live session with this id, or null. */
    public Uni<Long> liveVersion(String id) {
        return scalar(SessionSql.EXISTS_LIVE, Map.of("id", id));
    }

    /** Null when no live session with this id has this version. */
    public Uni<SessionEntity> replaceIfVersion(String id, long version, SessionFields fields, int ttlSeconds) {
        Map<String, Object> parameters = SessionParameters.of(id, fields, ttlSeconds);
        parameters.put("version", version);
        return single(SessionSql.REPLACE_IF_VERSION, parameters);
    }

    public Uni<List<SessionEntity>> list(String afterId, String serverId, String state, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("after", afterId);
        parameters.put("serverId", serverId);
        parameters.put("state", state);
        parameters.put("limit", limit);
        return inSession(session -> bind(session.createNativeQuery(SessionSql.LIST, SessionEntity.class),
                parameters).getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    private Uni<SessionEntity> single(String sql, Map<String, Object> parameters) {
        return inSession(session -> bind(session.createNativeQuery(sql, SessionEntity.class), parameters)
                .getSingleResultOrNull()
                .invoke(entity -> {
                    if (entity != null) {
                        session.detach(entity);
                    }
                }));
    }

    private Uni<Long> scalar(String sql, Map<String, Object> parameters) {
        return inSession(session -> bind(session.createNativeQuery(sql, Long.class), parameters)
                .getSingleResultOrNull());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
