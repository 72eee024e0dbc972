package io.mcp.sessionstore.session;

/**
 * Every statement the session store runs, in one place. Each is a single statement (atomic on its
 * own, so none needs an explicit transaction); times come from the database clock; a session whose
 * {@code expires_at} has passed is treated as absent by every one of them.
 */
final class SessionSql {

    /** The columns as the entity maps them; JSON goes out as text. */
    static final String COLUMNS = """
            id, server_id, user_agent, client_transport, upstream_transport, protocol_version, initialized,
            CAST(capabilities AS text) AS capabilities, CAST(client_info AS text) AS client_info,
            CAST(attributes AS text) AS attributes, created_at, last_activity, expires_at, cleanup_due_at,
            ttl_seconds, requests, tool_calls, errors, CAST(recent_tool_calls AS text) AS recent_tool_calls, version""";

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

    static final String FIND_LIVE = "SELECT " + COLUMNS + " FROM sessions WHERE id = :id AND expires_at > now()";

    /** A live session as its owner (the API key that created it through /mcp) sees it. */
    static final String FIND_LIVE_OWNED = "SELECT " + COLUMNS
            + " FROM sessions WHERE id = :id AND expires_at > now() AND owner_key = :owner";

    /** notifications/initialized: the MCP handshake is complete. */
    static final String MARK_INITIALIZED = """
            UPDATE sessions SET initialized = true, version = version + 1
            WHERE id = :id AND expires_at > now() AND NOT initialized""";

    static final String EXISTS_LIVE = "SELECT version FROM sessions WHERE id = :id AND expires_at > now()";

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
            INSERT INTO sessions AS sessions (id, server_id, user_agent, client_transport, upstream_transport,
                protocol_version, initialized, capabilities, client_info, attributes, created_at, last_activity,
                expires_at, cleanup_due_at, ttl_seconds, owner_key)
            VALUES (:id, :serverId, :userAgent, :clientTransport, :upstreamTransport, :protocolVersion, :initialized,
                CAST(CAST(:capabilities AS text) AS jsonb), CAST(CAST(:clientInfo AS text) AS jsonb),
                CAST(CAST(:attributes AS text) AS jsonb), now(), now(),
                now() + CAST(:ttlSeconds AS integer) * interval '1 second',
                now() + CAST(:ttlSeconds AS integer) * interval '1 second', :ttlSeconds, CAST(:owner AS text))
            ON CONFLICT (id) DO UPDATE SET
                owner_key = CASE WHEN sessions.expires_at <= now() THEN EXCLUDED.owner_key ELSE sessions.owner_key END,
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
            """ + SLIDE_EXPIRY.replace("{ttl}", "EXCLUDED.ttl_seconds") + """

            WHERE sessions.expires_at <= now() OR :replace
            RETURNING\s""" + COLUMNS;

    /** Replaces the mutable fields of a live session whose version is :version (If-Match, PATCH). */
    static final String REPLACE_IF_VERSION = "UPDATE sessions SET " + MUTABLE_VALUES + ",\n"
            + SLIDE_EXPIRY.replace("{ttl}", TTL_PARAMETER) + """
            , version = version + 1
            WHERE id = :id AND expires_at > now() AND version = :version
            RETURNING\s""" + COLUMNS;

    /**
     * The hot path: adds the counters, appends the tool call (keeping the newest :maxToolCalls),
     * slides the expiry. Never revives an expired session.
     */
    static final String RECORD_ACTIVITY = """
            UPDATE sessions SET
                requests = requests + :requests,
                tool_calls = tool_calls + :toolCalls,
                errors = errors + :errors,
                recent_tool_calls = CASE WHEN CAST(:toolCall AS text) IS NULL THEN recent_tool_calls ELSE COALESCE((
                    SELECT jsonb_agg(call ORDER BY position)
                    FROM jsonb_array_elements(recent_tool_calls || jsonb_build_array(
                        CAST(CAST(:toolCall AS text) AS jsonb) || jsonb_build_object('at',
                            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))))
                        WITH ORDINALITY AS calls(call, position)
                    WHERE position > jsonb_array_length(recent_tool_calls) + 1 - :maxToolCalls), '[]') END,
            """ + SLIDE_EXPIRY.replace("{ttl}", "ttl_seconds") + """
            , version = version + 1
            WHERE id = :id AND expires_at > now()
            RETURNING id, expires_at, requests, tool_calls, errors, version""";

    /** Its events go in a statement of their own, after this one: see SessionEvents. */
    static final String DELETE_LIVE = "DELETE FROM sessions WHERE id = :id AND expires_at > now() RETURNING version";

    static final String DELETE_LIVE_IF_VERSION =
            "DELETE FROM sessions WHERE id = :id AND expires_at > now() AND version = :version RETURNING version";

    /** Keyset pagination in id order (COLLATE "C": byte order, stable across locales). */
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
}
