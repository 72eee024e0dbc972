package io.mcp.sessionstore.session;

import io.mcp.sessionstore.db.HotStatement;
import io.mcp.sessionstore.events.EventSql;

/**
 * Every statement the session store runs, in one place. Each is a single statement (atomic on its
 * own, so none needs an explicit transaction); times come from the database clock; a session whose
 * {@code expires_at} has passed is treated as absent by every one of them. A {@link SessionScope}
 * binds {@code :owner} (the id of the API key a session made through an MCP endpoint belongs to),
 * {@code :scopeServer} (the route's upstream, null for {@code /mcp}) and {@code :anyServer}; the
 * REST API's scope matches every session.
 */
final class SessionSql {

    /** The columns of a session's row, {recentToolCalls} still to fill in; JSON goes out as text. */
    private static final String ROW_COLUMNS = """
            id, server_id, user_agent, client_transport, upstream_transport, protocol_version, initialized,
            CAST(capabilities AS text) AS capabilities, CAST(client_info AS text) AS client_info,
            CAST(attributes AS text) AS attributes, created_at, last_activity, expires_at,
            ttl_seconds, requests, tool_calls, errors, {recentToolCalls}, version,
            CAST(client_initialize AS text) AS client_initialize, CAST(upstream_initialize AS text) AS upstream_initialize,
            upstream_session, upstream_generation, upstream_reinitializations, last_upstream_error,
            CAST(upstream_setup AS text) AS upstream_setup, upstream_reinitialized_at""";

    /** The columns a session's representation is made of. */
    static final String COLUMNS = ROW_COLUMNS.replace("{recentToolCalls}",
            "CAST(recent_tool_calls AS text) AS recent_tool_calls");

    /**
     * The columns an MCP route reads for every message: all but the recent tool calls (null), which no
     * MCP route uses and which are the largest part of a busy session's row (SESSION_MAX_TOOL_CALLS
     * entries, made text again for each message; docs/design-notes.md, the gateway's reads).
     */
    static final String BOUND_COLUMNS = ROW_COLUMNS.replace("{recentToolCalls}",
            "CAST(NULL AS text) AS recent_tool_calls");

    /** A live session in a scope: of an owner on one route (MCP), or any (REST, :anyServer true). */
    private static final String LIVE_FOR_OWNER = """
            id = :id AND expires_at > now()
              AND (CAST(:owner AS text) IS NULL OR owner_key = CAST(:owner AS text))
              AND (CAST(:anyServer AS boolean) OR server_id IS NOT DISTINCT FROM CAST(:scopeServer AS text))""";

    /** The parameters of {@link #LIVE_FOR_OWNER}, as a rows form's input. */
    private static final String[] SCOPE_INPUT = {"id text", "owner text", "scopeServer text", "anyServer boolean"};

    /**
     * Every write slides the expiry to now + TTL. cleanup_due_at (indexed) follows only when the
     * expiry moved by more than a tenth of the TTL, or backwards: most updates stay HOT.
     */
    private static final String SLIDE_EXPIRY = """
            last_activity = now(),
            expires_at = now() + {ttl} * interval '1 second',
            cleanup_due_at = CASE
                WHEN sessions.cleanup_due_at > now() + {ttl} * interval '1 second'
                  OR sessions.cleanup_due_at < now() + {ttl} * interval '900 milliseconds'
                THEN now() + {ttl} * interval '1 second'
                ELSE sessions.cleanup_due_at END""";

    private static final String TTL_PARAMETER = "CAST(:ttlSeconds AS integer)";

    private static final String MUTABLE_VALUES = """
            server_id = :serverId, user_agent = :userAgent, client_transport = :clientTransport,
            upstream_transport = :upstreamTransport, protocol_version = :protocolVersion,
            initialized = :initialized,
            capabilities = CAST(CAST(:capabilities AS text) AS jsonb),
            client_info = CAST(CAST(:clientInfo AS text) AS jsonb),
            attributes = CAST(CAST(:attributes AS text) AS jsonb),
            ttl_seconds = :ttlSeconds""";

    static final String FIND_LIVE = findLive(COLUMNS);

    /** {@link #FIND_LIVE} for a batch of callers, in one statement (HotStatement's rows form). */
    static final String FIND_LIVE_ROWS = findLiveRows(COLUMNS);

    /** {@link #FIND_LIVE} as the MCP routes send it: {@link #BOUND_COLUMNS}. */
    static final String FIND_BOUND = findLive(BOUND_COLUMNS);

    static final String FIND_BOUND_ROWS = findLiveRows(BOUND_COLUMNS);

    static final String LIVE_VERSION = "SELECT version FROM sessions WHERE id = :id AND expires_at > now()";

    private static final String INSERTED_COLUMNS = """
            id, server_id, user_agent, client_transport, upstream_transport,
                protocol_version, initialized, capabilities, client_info, attributes, created_at, last_activity,
                expires_at, cleanup_due_at, ttl_seconds""";

    private static final String INSERTED_VALUES = """
            :id, :serverId, :userAgent, :clientTransport, :upstreamTransport, :protocolVersion, :initialized,
                CAST(CAST(:capabilities AS text) AS jsonb), CAST(CAST(:clientInfo AS text) AS jsonb),
                CAST(CAST(:attributes AS text) AS jsonb), now(), now(),
                now() + CAST(:ttlSeconds AS integer) * interval '1 second',
                now() + CAST(:ttlSeconds AS integer) * interval '1 second', CAST(:ttlSeconds AS integer)""";

    /**
     * An insert whose id is taken: an expired session is taken over as a new one; a live one is
     * replaced where the statement's WHERE lets it.
     */
    private static final String TAKE_OVER_EXPIRED = """
            ON CONFLICT (id) DO UPDATE SET
                owner_key = CASE WHEN sessions.expires_at <= now() THEN NULL ELSE sessions.owner_key END,
                server_id = EXCLUDED.server_id, user_agent = EXCLUDED.user_agent,
                client_transport = EXCLUDED.client_transport, upstream_transport = EXCLUDED.upstream_transport,
                protocol_version = EXCLUDED.protocol_version, initialized = EXCLUDED.initialized,
                capabilities = EXCLUDED.capabilities, client_info = EXCLUDED.client_info,
                attributes = EXCLUDED.attributes, ttl_seconds = EXCLUDED.ttl_seconds,
                created_at = CASE WHEN sessions.expires_at <= now() THEN now() ELSE sessions.created_at END,
                requests = CASE WHEN sessions.expires_at <= now() THEN 0 ELSE sessions.requests END,
                tool_calls = CASE WHEN sessions.expires_at <= now() THEN 0 ELSE sessions.tool_calls END,
                errors = CASE WHEN sessions.expires_at <= now() THEN 0 ELSE sessions.errors END,
                recent_tool_calls = CASE WHEN sessions.expires_at <= now() THEN '[]'
                    ELSE sessions.recent_tool_calls END,
                version = CASE WHEN sessions.expires_at <= now() THEN 1 ELSE sessions.version + 1 END,
            """ + SLIDE_EXPIRY.replace("{ttl}", "EXCLUDED.ttl_seconds");

    /**
     * Creates the session, or takes over the id of an expired one (a new session: counters, history
     * and creation time start over, version 1, the old session's events go). A live session is
     * replaced only when :replace is true.
     * No row comes back when a live session has the id and :replace is false.
     */
    static final String UPSERT = """
            WITH stale_events AS (
                DELETE FROM session_events
                WHERE session_id = :id AND EXISTS (SELECT 1 FROM sessions WHERE id = :id AND expires_at <= now()))
            INSERT INTO sessions AS sessions (""" + INSERTED_COLUMNS + ")\nVALUES (" + INSERTED_VALUES + ")\n"
            + TAKE_OVER_EXPIRED + """

            WHERE sessions.expires_at <= now() OR :replace
            RETURNING\s""" + COLUMNS;

    /**
     * {@link #UPSERT} of callers with :replace false and distinct ids, in one statement (HotStatement's
     * rows form; ON CONFLICT cannot see the input, so :replace cannot vary per row, and it changes a
     * row once). The stale events go only when an id of the batch is taken by an expired session (a
     * One-Time Filter: a batch of new ids never touches session_events).
     */
    static final String UPSERT_ROWS = """
            WITH input AS (
                SELECT input.* FROM\s""" + HotStatement.unnestInput("id text", "serverId text", "userAgent text",
                    "clientTransport text", "upstreamTransport text", "protocolVersion text", "initialized boolean",
                    "capabilities text", "clientInfo text", "attributes text", "ttlSeconds bigint") + """

            ), expired_ids AS (
                SELECT sessions.id FROM input JOIN sessions ON sessions.id = input.p_id AND sessions.expires_at <= now()
            ), stale_events AS (
                DELETE FROM session_events
                WHERE EXISTS (SELECT 1 FROM expired_ids) AND session_id IN (SELECT id FROM expired_ids)
            ), upserted AS (
                INSERT INTO sessions AS sessions (""" + INSERTED_COLUMNS + ")\nSELECT "
            + HotStatement.fromInput(INSERTED_VALUES) + "\nFROM input\n" + TAKE_OVER_EXPIRED + """

                WHERE sessions.expires_at <= now()
                RETURNING\s""" + COLUMNS + """

            )
            SELECT input.batch_ord, upserted.* FROM upserted JOIN input ON input.p_id = upserted.id""";

    /**
     * A new session of :owner under a fresh server-generated id, with its first activity (:requests)
     * and its first stream (the answer to initialize) stored by the same statement.
     */
    static final String CREATE_OWNED = """
            WITH reserving AS (
                INSERT INTO sessions (id, server_id, user_agent, client_transport, upstream_transport,
                    protocol_version, initialized, capabilities, client_info, attributes, created_at, last_activity,
                    expires_at, cleanup_due_at, ttl_seconds, owner_key, requests, event_seq, events_trimmed_through,
                    upstream_session, upstream_generation, client_initialize, upstream_initialize)
                VALUES (:id, :serverId, :userAgent, :clientTransport, :upstreamTransport, :protocolVersion,
                    :initialized, CAST(CAST(:capabilities AS text) AS jsonb), CAST(CAST(:clientInfo AS text) AS jsonb),
                    CAST(CAST(:attributes AS text) AS jsonb), now(), now(),
                    now() + CAST(:ttlSeconds AS integer) * interval '1 second',
                    now() + CAST(:ttlSeconds AS integer) * interval '1 second', :ttlSeconds, CAST(:owner AS text),
                    :requests, CAST(:eventCount AS bigint), GREATEST(0, CAST(:eventCount AS bigint) - CAST(:cap AS bigint)),
                    CAST(:upstreamSession AS bytea), :upstreamGeneration, CAST(CAST(:clientInitialize AS text) AS jsonb),
                    CAST(CAST(:upstreamInitialize AS text) AS jsonb))
                RETURNING\s""" + COLUMNS + """
            , event_seq, events_trimmed_through
            ),\s""" + EventSql.insertAndTrimAfter("reserving") + """

            SELECT\s""" + COLUMNS + " FROM reserving";

    /**
     * The initialize of a session its legacy SSE stream opened (CREATE_OWNED with no protocol yet):
     * the client's protocol, capabilities and info, the upstream link, the request counted and the
     * answer's stream stored, in one statement. No row when no such session of the scope is waiting
     * for its initialize (absent, or initialized already).
     */
    static final String INITIALIZE_OWNED = """
            WITH reserving AS (
                UPDATE sessions SET protocol_version = :protocolVersion,
                    capabilities = CAST(CAST(:capabilities AS text) AS jsonb),
                    client_info = CAST(CAST(:clientInfo AS text) AS jsonb),
                    user_agent = COALESCE(CAST(:userAgent AS text), user_agent),
                    upstream_session = CAST(:upstreamSession AS bytea), upstream_generation = :upstreamGeneration,
                    client_initialize = CAST(CAST(:clientInitialize AS text) AS jsonb),
                    upstream_initialize = CAST(CAST(:upstreamInitialize AS text) AS jsonb),
                    requests = requests + 1,
            """ + EventSql.RESERVE_SEQUENCE + ",\n" + SLIDE_EXPIRY.replace("{ttl}", "ttl_seconds") + """
            , version = version + 1
                WHERE\s""" + LIVE_FOR_OWNER + """
             AND protocol_version IS NULL
                RETURNING\s""" + COLUMNS + """
            , event_seq, events_trimmed_through
            ),\s""" + EventSql.insertAndTrimAfter("reserving") + """

            SELECT\s""" + COLUMNS + ", event_seq FROM reserving";

    /** Replaces the mutable fields of a live session whose version is :version (If-Match, PATCH). */
    static final String REPLACE_IF_VERSION = "UPDATE sessions SET " + MUTABLE_VALUES + ",\n"
            + SLIDE_EXPIRY.replace("{ttl}", TTL_PARAMETER) + """
            , version = version + 1
            WHERE id = :id AND expires_at > now() AND version = :version
            RETURNING\s""" + COLUMNS;

    /**
     * What an activity changes in its session's row: adds the counters, appends :toolCalls (a JSON
     * array, each stamped with the time, keeping the newest :maxToolCalls: a jsonpath slice, less than
     * half the work of taking the array apart and aggregating it again, docs/design-notes.md), marks
     * the handshake complete when :initialized, reserves :eventCount sequence numbers and slides the
     * expiry.
     */
    private static final String ACTIVITY_CHANGES = """
            requests = requests + :requests,
            tool_calls = tool_calls + :toolCallCount,
            errors = errors + :errors,
            initialized = initialized OR :initialized,
            recent_tool_calls = CASE WHEN jsonb_array_length(CAST(CAST(:toolCalls AS text) AS jsonb)) = 0
                THEN recent_tool_calls ELSE jsonb_path_query_array(recent_tool_calls || (
                        SELECT jsonb_agg(added.call || jsonb_build_object('at',
                            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                            ORDER BY added.position)
                        FROM jsonb_array_elements(CAST(CAST(:toolCalls AS text) AS jsonb))
                            WITH ORDINALITY AS added(call, position)),
                    '$[last - $keep + 1 to last]', jsonb_build_object('keep', CAST(:maxToolCalls AS bigint))) END,
            """ + EventSql.RESERVE_SEQUENCE + ",\n" + SLIDE_EXPIRY.replace("{ttl}", "ttl_seconds") + """
            , version = version + 1""";

    /**
     * The hot path, one update of the session row per MCP message (or REST activity call): the
     * {@link #ACTIVITY_CHANGES}, and :eventCount events of stream :streamId appended (none: empty
     * arrays). Never revives an expired session.
     */
    static final String RECORD_ACTIVITY = """
            WITH reserving AS (
                UPDATE sessions SET\s""" + ACTIVITY_CHANGES + """

                WHERE\s""" + LIVE_FOR_OWNER + """

                RETURNING id, expires_at, requests, tool_calls, errors, version, event_seq, events_trimmed_through
            ),\s""" + EventSql.insertAndTrimAfter("reserving") + """

            SELECT id, expires_at, requests, tool_calls, errors, version, event_seq FROM reserving""";

    /**
     * {@link #RECORD_ACTIVITY} for a batch of callers of distinct sessions, in one statement
     * (HotStatement's rows form; an UPDATE ... FROM changes a row once, so one session's activities go
     * pipelined).
     */
    static final String RECORD_ACTIVITY_ROWS = """
            WITH input AS (
                SELECT input.* FROM\s""" + HotStatement.unnestInput(SCOPE_INPUT[0], SCOPE_INPUT[1], SCOPE_INPUT[2], SCOPE_INPUT[3],
                    "requests bigint", "toolCallCount bigint", "errors bigint", "initialized boolean", "toolCalls text",
                    "maxToolCalls bigint", "streamId text", "eventCount bigint", "cap bigint") + """

            ), reserving AS (
                UPDATE sessions SET\s""" + HotStatement.fromInput(ACTIVITY_CHANGES) + """

                FROM input
                WHERE\s""" + HotStatement.fromInput(LIVE_FOR_OWNER) + """

                RETURNING input.batch_ord, sessions.id, expires_at, requests, tool_calls, errors, version, event_seq,
                    events_trimmed_through, input.p_eventCount AS event_count, input.p_streamId AS stream_id,
                    input.p_cap AS cap
            ),\s""" + EventSql.insertAndTrimRows("reserving") + """

            SELECT batch_ord, id, expires_at, requests, tool_calls, errors, version, event_seq FROM reserving""";

    /**
     * Deletes a live session (of :owner, at :version when given). Its events go in a statement of
     * their own, after this one, in the same transaction: see EventService.deleteOf.
     */
    static final String DELETE_LIVE = "DELETE FROM sessions WHERE " + LIVE_FOR_OWNER
            + " AND (CAST(:version AS bigint) IS NULL OR version = CAST(:version AS bigint))"
            + " RETURNING version, upstream_session, upstream_generation";

    /**
     * A new upstream session for a gateway session whose upstream lost the old one, if no one got
     * there first: the compare-and-set on the generation makes one loss one re-initialize. No row
     * comes back when the generation moved (read the session again) or the session is gone.
     */
    static final String RELINK_UPSTREAM = """
            UPDATE sessions SET upstream_session = CAST(:upstreamSession AS bytea),
                upstream_generation = upstream_generation + 1,
                upstream_reinitializations = upstream_reinitializations + 1,
                upstream_initialize = CAST(CAST(:upstreamInitialize AS text) AS jsonb),
                last_upstream_error = CAST(:lastError AS text), version = version + 1,
                upstream_reinitializing_until = NULL, upstream_reinitialized_at = now()
            WHERE id = :id AND expires_at > now() AND upstream_generation = :generation
            RETURNING upstream_session, upstream_generation""";

    /** The lease on re-initializing a lost upstream session: taken by one replica per generation at a time. */
    static final String CLAIM_REINITIALIZE = """
            UPDATE sessions SET upstream_reinitializing_until = now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond'
            WHERE id = :id AND expires_at > now() AND upstream_generation = :generation
              AND (upstream_reinitializing_until IS NULL OR upstream_reinitializing_until < now())
            RETURNING upstream_generation""";

    /** A re-initialize that failed lets the next replica try at once. */
    static final String RELEASE_REINITIALIZE = """
            UPDATE sessions SET upstream_reinitializing_until = NULL
            WHERE id = :id AND upstream_generation = :generation""";

    /** The setup of a gateway session's upstream (logging level, subscriptions), replayed after a re-initialize. */
    static final String SET_UPSTREAM_SETUP = """
            UPDATE sessions SET upstream_setup = CAST(CAST(:setup AS text) AS jsonb)
            WHERE id = :id AND expires_at > now()""";


    /** Keyset pagination in id order (the column is COLLATE "C": byte order, stable across locales). */
    static final String LIST = """
            SELECT\s""" + COLUMNS + """
             FROM sessions
            WHERE id > :after
              AND (CAST(:serverId AS text) IS NULL OR server_id = CAST(:serverId AS text))
              AND (CAST(:state AS text) = 'all' OR (CAST(:state AS text) = 'active') = (expires_at > now()))
            ORDER BY id
            LIMIT :limit""";

    private SessionSql() {
    }

    private static String findLive(String columns) {
        return "SELECT " + columns + " FROM sessions WHERE " + LIVE_FOR_OWNER;
    }

    private static String findLiveRows(String columns) {
        return "SELECT input.batch_ord, " + columns + "\nFROM " + HotStatement.unnestInput(SCOPE_INPUT)
                + "\nJOIN sessions ON " + HotStatement.fromInput(LIVE_FOR_OWNER);
    }
}
