package io.mcp.sessionstore.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.db.Database;
import io.mcp.sessionstore.db.NamedSql;
import io.mcp.sessionstore.db.SqlValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The gateway calls whose upstream answer is being read (table gateway_calls), each leased by the
 * replica reading it (its {@link Replica} id). Every operation is one statement.
 */
@ApplicationScoped
class InFlightCalls {

    /** A call as a replica takes it over: where its client stream is, and where its upstream stream was. */
    record Call(String sessionId, String streamId, String serverId, String requestId, int upstreamGeneration,
            String upstreamEventId, String toolName, Instant startedAt) {
    }

    private static final String LEASE = "now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond'";
    private static final NamedSql OPEN = NamedSql.of("""
            INSERT INTO gateway_calls (session_id, stream_id, server_id, request_id, upstream_generation,
                                       upstream_event_id, tool_name, started_at, owner, lease_until)
            VALUES (:sessionId, :streamId, :serverId, :requestId, CAST(:generation AS integer), CAST(:eventId AS text),
                    CAST(:toolName AS text), :startedAt, :owner,\s""" + LEASE + ")");
    private static final NamedSql ADVANCE = NamedSql.of("""
            UPDATE gateway_calls SET upstream_event_id = :eventId
            WHERE session_id = :sessionId AND stream_id = :streamId AND request_id = :requestId AND owner = :owner""");
    private static final NamedSql CLOSE = NamedSql.of("""
            DELETE FROM gateway_calls
            WHERE session_id = :sessionId AND stream_id = :streamId AND request_id = :requestId""");
    private static final NamedSql CANCEL = NamedSql.of(
            "DELETE FROM gateway_calls WHERE session_id = :sessionId AND request_id = :requestId");
    private static final NamedSql STILL_OPEN = NamedSql.of("""
            SELECT 1 FROM gateway_calls
            WHERE session_id = :sessionId AND stream_id = :streamId AND request_id = :requestId""");
    private static final NamedSql OPEN_NOW = NamedSql.of(
            "SELECT 1 FROM gateway_calls WHERE session_id = :sessionId AND stream_id = :streamId");
    /** The calls this replica relays keep their leases; one whose relay ended here without closing it is let go. */
    private static final NamedSql RENEW = NamedSql.of("""
            UPDATE gateway_calls SET lease_until = CASE
                WHEN session_id || '/' || stream_id || '/' || request_id = ANY (CAST(:relaying AS text[]))
                THEN\s""" + LEASE + """
             ELSE now() END
            WHERE owner = :owner""");
    /** The oldest expired leases, skipping rows another replica is claiming at this moment. */
    private static final NamedSql CLAIM = NamedSql.of("""
            UPDATE gateway_calls SET owner = :owner, lease_until =\s""" + LEASE + """

            WHERE (session_id, stream_id, request_id) IN (
                SELECT session_id, stream_id, request_id FROM gateway_calls WHERE lease_until < now()
                ORDER BY lease_until LIMIT CAST(:limit AS integer) FOR UPDATE SKIP LOCKED)
            RETURNING session_id, stream_id, server_id, request_id, upstream_generation, upstream_event_id, tool_name,
                      started_at""");

    private final Database database;
    private final String owner;
    /** The calls whose relay runs in this process. */
    private final Set<String> relaying = ConcurrentHashMap.newKeySet();

    InFlightCalls(Database database, Replica replica) {
        this.database = database;
        this.owner = replica.id();
    }

    Uni<Void> open(Call call, Duration lease) {
        Map<String, Object> parameters = new HashMap<>(Map.of("sessionId", call.sessionId(), "streamId",
                call.streamId(), "serverId", call.serverId(), "requestId", call.requestId(), "generation",
                (long) call.upstreamGeneration(), "owner", owner, "leaseMillis", lease.toMillis()));
        parameters.put("eventId", call.upstreamEventId()); // null: no upstream event had an id yet
        parameters.put("toolName", call.toolName()); // null: not a tools/call
        parameters.put("startedAt", call.startedAt().atOffset(java.time.ZoneOffset.UTC));
        relaying.add(key(call)); // from the start: a renewal before its relay runs keeps it too
        return database.execute(OPEN, parameters).replaceWithVoid();
    }

    /** The upstream event stored last: a replica that takes the call over resumes after it. */
    Uni<Void> advance(Call call, String upstreamEventId) {
        return database.execute(ADVANCE, Map.of("sessionId", call.sessionId(), "streamId", call.streamId(), "requestId",
                call.requestId(), "eventId", upstreamEventId, "owner", owner)).replaceWithVoid();
    }

    Uni<Void> close(Call call) {
        return database.execute(CLOSE, Map.of("sessionId", call.sessionId(), "streamId", call.streamId(), "requestId",
                call.requestId())).replaceWithVoid();
    }

    /** The client cancelled its request: the call goes, and its relay ends without an error. */
    Uni<Void> cancel(String sessionId, String requestId) {
        return database.execute(CANCEL, Map.of("sessionId", sessionId, "requestId", requestId)).replaceWithVoid();
    }

    /** False once the call was closed or cancelled. */
    Uni<Boolean> stillOpen(Call call) {
        return database.execute(STILL_OPEN, Map.of("sessionId", call.sessionId(), "streamId", call.streamId(),
                "requestId", call.requestId())).map(rows -> rows.size() > 0);
    }

    Uni<Boolean> inFlight(String sessionId, String streamId) {
        return database.execute(OPEN_NOW, Map.of("sessionId", sessionId, "streamId", streamId)).map(rows -> rows.size() > 0);
    }

    /** This replica's calls keep their leases while their relay runs here. */
    Uni<Integer> renew(Duration lease) {
        return database.execute(RENEW, Map.of("owner", owner, "leaseMillis", lease.toMillis(),
                "relaying", relaying.toArray(String[]::new))).map(rows -> rowCount(rows));
    }

    /** A relay of this call runs here until {@code relay} ends. */
    Uni<Void> relayed(Call call, Uni<Void> relay) {
        String key = key(call);
        return Uni.createFrom().deferred(() -> {
            relaying.add(key);
            return relay;
        }).eventually(() -> {
            relaying.remove(key);
        });
    }

    /** Calls whose replica stopped renewing, now this one's. */
    Uni<List<Call>> claim(Duration lease, int limit) {
        return database.execute(CLAIM, Map.of("owner", owner, "leaseMillis", lease.toMillis(), "limit", (long) limit))
                .map(rows -> {
                    List<Call> calls = new ArrayList<>();
                    for (Row row : rows) {
                        calls.add(new Call(row.getString("session_id"), row.getString("stream_id"),
                                row.getString("server_id"), row.getString("request_id"),
                                row.getInteger("upstream_generation"), row.getString("upstream_event_id"),
                                row.getString("tool_name"), SqlValues.instant(row, "started_at")));
                    }
                    return calls;
                });
    }

    private static String key(Call call) {
        return call.sessionId() + "/" + call.streamId() + "/" + call.requestId();
    }

    private static int rowCount(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        return rows.rowCount();
    }
}
