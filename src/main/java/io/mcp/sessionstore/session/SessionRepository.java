package io.mcp.sessionstore.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.HotStatement;
import io.mcp.sessionstore.db.NamedSql;
import io.mcp.sessionstore.events.EncodedEvents;
import io.mcp.sessionstore.events.EventService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Queries only, each one statement of {@link SessionSql} on the reactive client (delete adds the
 * deletion of the session's events in the same transaction). Only {@link SessionService} uses it.
 */
@ApplicationScoped
class SessionRepository {

    private static final HotStatement FIND_LIVE = HotStatement.of("FIND_LIVE", SessionSql.FIND_LIVE)
            .withRowsForm(SessionSql.FIND_LIVE_ROWS, null);
    private static final HotStatement FIND_BOUND = HotStatement.of("FIND_BOUND", SessionSql.FIND_BOUND)
            .withRowsForm(SessionSql.FIND_BOUND_ROWS, null);
    private static final NamedSql LIVE_VERSION = NamedSql.of(SessionSql.LIVE_VERSION);
    private static final HotStatement UPSERT = HotStatement.of("UPSERT", SessionSql.UPSERT)
            .withRowsForm(SessionSql.UPSERT_ROWS, "id", caller -> Boolean.FALSE.equals(caller.get("replace")));
    private static final NamedSql CREATE_OWNED = NamedSql.of(SessionSql.CREATE_OWNED);
    private static final NamedSql INITIALIZE_OWNED = NamedSql.of(SessionSql.INITIALIZE_OWNED);
    private static final NamedSql REPLACE_IF_VERSION = NamedSql.of(SessionSql.REPLACE_IF_VERSION);
    private static final NamedSql CLAIM_REINITIALIZE = NamedSql.of(SessionSql.CLAIM_REINITIALIZE);
    private static final NamedSql RELEASE_REINITIALIZE = NamedSql.of(SessionSql.RELEASE_REINITIALIZE);
    private static final HotStatement RECORD_ACTIVITY = HotStatement.of("RECORD_ACTIVITY", SessionSql.RECORD_ACTIVITY)
            .withRowsForm(SessionSql.RECORD_ACTIVITY_ROWS, "id");
    private static final NamedSql DELETE_LIVE = NamedSql.of(SessionSql.DELETE_LIVE);
    private static final NamedSql LIST = NamedSql.of(SessionSql.LIST);
    private static final NamedSql RELINK_UPSTREAM = NamedSql.of(SessionSql.RELINK_UPSTREAM);
    private static final NamedSql SET_UPSTREAM_SETUP = NamedSql.of(SessionSql.SET_UPSTREAM_SETUP);

    /** What a delete removed: the version, and the upstream link the caller may now end (null: none). */
    record Deleted(long version, UpstreamLink upstream) {
    }

    private final Database database;
    private final EventService events;

    SessionRepository(Database database, EventService events) {
        this.database = database;
        this.events = events;
    }

    /** The whole live session with this id (the REST API's view), or null. */
    Uni<SessionView> findLive(String id) {
        return database.executeBatched(FIND_LIVE, scoped(id, SessionScope.ANY)).map(row -> row == null ? null
                : SessionRows.view(row));
    }

    /** Null when no live session in the scope has the id; its view without the recent tool calls. */
    Uni<BoundSession> findBound(String id, SessionScope scope) {
        return database.executeBatched(FIND_BOUND, scoped(id, scope)).map(row -> row == null ? null : SessionRows.bound(row));
    }

    /** The version of the live session with this id, or null. */
    Uni<Long> liveVersion(String id) {
        return database.execute(LIVE_VERSION, Map.of("id", id)).map(rows -> first(rows, row -> row.getLong("version")));
    }

    /** Null when a live session has the id and {@code replaceLive} is false. */
    Uni<SessionView> upsert(String id, SessionFields fields, int ttlSeconds, boolean replaceLive) {
        Map<String, Object> parameters = mutableFields(id, fields, ttlSeconds);
        parameters.put("replace", replaceLive);
        return database.executeBatched(UPSERT, parameters).map(row -> row == null ? null : SessionRows.view(row));
    }

    /** A new session of {@code owner} with {@code requests} counted and its first stream stored. */
    Uni<SessionView> createOwned(String id, String owner, SessionFields fields, int ttlSeconds, long requests,
            UpstreamStart upstream, StreamAppend stream) {
        Map<String, Object> parameters = mutableFields(id, fields, ttlSeconds);
        parameters.put("owner", owner);
        parameters.put("requests", requests);
        putUpstream(parameters, upstream);
        putStream(parameters, stream);
        return database.execute(CREATE_OWNED, parameters).map(rows -> first(rows, SessionRows::view));
    }

    /** Null when no session of the scope waits for its initialize under this id. */
    Uni<Created> initializeOwned(String id, SessionScope scope, SessionFields fields, UpstreamStart upstream,
            StreamAppend stream) {
        Map<String, Object> parameters = scoped(id, scope);
        parameters.put("protocolVersion", fields.protocolVersion());
        parameters.put("capabilities", json(fields.capabilities()));
        parameters.put("clientInfo", json(fields.clientInfo()));
        parameters.put("userAgent", fields.userAgent());
        putUpstream(parameters, upstream);
        putStream(parameters, stream);
        return database.execute(INITIALIZE_OWNED, parameters).map(rows -> first(rows, row -> new Created(
                SessionRows.view(row), stream.messages().isEmpty() ? List.of()
                        : EventService.ids(stream.streamId(), row.getLong("event_seq"), stream.messages().size()))));
    }

    private static void putUpstream(Map<String, Object> parameters, UpstreamStart upstream) {
        parameters.put("upstreamSession", upstream == null ? null : Buffer.buffer(upstream.sealedSession()));
        parameters.put("upstreamGeneration", upstream == null ? 0 : 1);
        parameters.put("clientInitialize", upstream == null ? null : upstream.clientInitialize());
        parameters.put("upstreamInitialize", upstream == null ? null : upstream.upstreamInitializeResult());
    }

    /** Null when no live session with this id has this version. */
    Uni<SessionView> replaceIfVersion(String id, long version, SessionFields fields, int ttlSeconds) {
        Map<String, Object> parameters = mutableFields(id, fields, ttlSeconds);
        parameters.put("version", version);
        return database.execute(REPLACE_IF_VERSION, parameters).map(rows -> first(rows, SessionRows::view));
    }

    /** Null when no live session in the scope has the id. */
    Uni<ActivityResult> recordActivity(String id, SessionScope scope, Activity activity, String toolCallsJson,
            int maxToolCalls, StreamAppend stream) {
        Map<String, Object> parameters = scoped(id, scope);
        parameters.put("requests", activity.requests());
        parameters.put("toolCallCount", activity.toolCalls());
        parameters.put("errors", activity.errors());
        parameters.put("initialized", activity.initialized());
        parameters.put("toolCalls", toolCallsJson);
        parameters.put("maxToolCalls", (long) maxToolCalls);
        putStream(parameters, stream);
        return database.executeBatched(RECORD_ACTIVITY, parameters)
                .map(row -> row == null ? null : SessionRows.activity(row, stream));
    }

    /** What was deleted, or null when no live session in the scope matched. Its events go with it. */
    Uni<Deleted> deleteLive(String id, SessionScope scope, Long ifVersion) {
        Map<String, Object> parameters = scoped(id, scope);
        parameters.put("version", ifVersion);
        return database.transaction(connection -> connection.preparedQuery(DELETE_LIVE.sql())
                .execute(DELETE_LIVE.bind(parameters))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().<Deleted>nullItem();
                    }
                    Row row = rows.iterator().next();
                    return EventService.deleteOf(connection, id)
                            .replaceWith(new Deleted(row.getLong("version"), SessionRows.link(row)));
                }));
    }

    /** The new link, or null when the generation had moved on (or the session is gone). */
    Uni<UpstreamLink> relinkUpstream(String id, int generation, byte[] sealed, String upstreamInitialize,
            String lastError) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("generation", generation);
        parameters.put("upstreamSession", Buffer.buffer(sealed));
        parameters.put("upstreamInitialize", upstreamInitialize);
        parameters.put("lastError", lastError);
        return database.execute(RELINK_UPSTREAM, parameters).map(rows -> first(rows, SessionRows::link));
    }

    Uni<Boolean> claimReinitialize(String id, int generation, long leaseMillis) {
        return database.execute(CLAIM_REINITIALIZE, Map.of("id", id, "generation", generation, "leaseMillis", leaseMillis))
                .map(rows -> rows.size() > 0);
    }

    Uni<Void> releaseReinitialize(String id, int generation) {
        return database.execute(RELEASE_REINITIALIZE, Map.of("id", id, "generation", generation)).replaceWithVoid();
    }

    Uni<Void> setUpstreamSetup(String id, String setupJson) {
        return database.execute(SET_UPSTREAM_SETUP, Map.of("id", id, "setup", setupJson)).replaceWithVoid();
    }


    Uni<List<SessionView>> list(String afterId, String serverId, String state, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("after", afterId);
        parameters.put("serverId", serverId);
        parameters.put("state", state);
        parameters.put("limit", (long) limit);
        return database.execute(LIST, parameters).map(rows -> {
            List<SessionView> views = new ArrayList<>(rows.size());
            rows.forEach(row -> views.add(SessionRows.view(row)));
            return views;
        });
    }

    private static Map<String, Object> scoped(String id, SessionScope scope) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("owner", scope.owner());
        parameters.put("scopeServer", scope.serverId());
        parameters.put("anyServer", scope.anyServer());
        return parameters;
    }

    private void putStream(Map<String, Object> parameters, StreamAppend stream) {
        EncodedEvents encoded = events.encode(stream.messages());
        parameters.put("streamId", stream.streamId());
        parameters.put("eventCount", (long) encoded.count());
        parameters.put("cap", (long) events.maxPerSession());
        parameters.put("messages", encoded.data());
        parameters.put("compressed", encoded.compressed());
    }

    private static Map<String, Object> mutableFields(String id, SessionFields fields, int ttlSeconds) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("serverId", fields.serverId());
        parameters.put("userAgent", fields.userAgent());
        parameters.put("clientTransport", fields.clientTransport());
        parameters.put("upstreamTransport", fields.upstreamTransport());
        parameters.put("protocolVersion", fields.protocolVersion());
        parameters.put("initialized", Boolean.TRUE.equals(fields.initialized()));
        parameters.put("capabilities", json(fields.capabilities()));
        parameters.put("clientInfo", json(fields.clientInfo()));
        parameters.put("attributes", json(fields.attributes()));
        parameters.put("ttlSeconds", ttlSeconds);
        return parameters;
    }

    private static String json(ObjectNode node) {
        return node == null ? "{}" : node.toString();
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> mapping) {
        return rows.size() == 0 ? null : mapping.apply(rows.iterator().next());
    }
}
