package io.mcp.sessionstore.events;

/**
 * Every statement of the event store, and the two fragments by which a statement of the session
 * store appends a stream in the same statement as its activity. Appends and reads never revive an
 * expired session.
 */
public final class EventSql {

    /**
     * The SET items of an UPDATE of a live session row that reserve :eventCount sequence numbers
     * (appenders to one session queue on its row lock and commit in sequence order) and move the
     * trim point so that at most :cap events stay. RETURNING must give id, event_seq and
     * events_trimmed_through to {@link #insertAndTrimAfter}.
     */
    public static final String RESERVE_SEQUENCE = """
            event_seq = event_seq + CAST(:eventCount AS bigint),
            events_trimmed_through = CASE WHEN CAST(:eventCount AS bigint) > 0
                THEN GREATEST(events_trimmed_through,
                    event_seq + CAST(:eventCount AS bigint) - CAST(:cap AS bigint))
                ELSE events_trimmed_through END""";

    /**
     * The CTEs that follow the reserving one (named {@code reserving}): insert :messages (bytea[],
     * null for a priming event) with :compressed (boolean[]) in their order, and drop the events
     * beyond the cap. Nothing happens when the reserving CTE returned no row (no live session). The
     * trim's conditions on the reserved row are subqueries, so that PostgreSQL checks "past the cap"
     * once, before touching session_events: a session that never had more than :cap events (most)
     * costs no scan, whatever the table's statistics say (with those of a near-empty table the
     * planner would scan it whole on every append: docs/design-notes.md).
     * <p>
     * The trim deletes only the range this append put past the cap: above the session's
     * events_trimmed_through before it (0 for a session the statement creates) and up to the new
     * one. The events trimmed earlier are gone, but their index entries stay until a vacuum, and a
     * range open below walked all of them on every append (docs/design-notes.md). The old value is
     * the sessions row as the statement's snapshot has it ({@code before}: a sibling CTE's UPDATE is
     * not visible there); after a concurrent append that committed since the snapshot it is lower
     * than the row the UPDATE changed, so the range is only wider, never short.
     */
    public static String insertAndTrimAfter(String reserving) {
        return """
                inserted AS (
                    INSERT INTO session_events (session_id, seq, stream_id, message, compressed, created_at)
                    SELECT {r}.id, {r}.event_seq - CAST(:eventCount AS bigint) + messages.position, :streamId,
                           messages.data, messages.compressed, now()
                    FROM {r}, unnest(CAST(:messages AS bytea[]), CAST(:compressed AS boolean[]))
                        WITH ORDINALITY AS messages(data, compressed, position)
                ), trimmed AS (
                    DELETE FROM session_events
                    WHERE CAST(:eventCount AS bigint) > 0
                      AND (SELECT {r}.event_seq FROM {r}) > CAST(:cap AS bigint)
                      AND session_events.session_id = (SELECT {r}.id FROM {r})
                      AND session_events.seq <= (SELECT {r}.events_trimmed_through FROM {r})
                      AND session_events.seq > COALESCE((SELECT before.events_trimmed_through
                          FROM sessions AS before WHERE before.id = (SELECT {r}.id FROM {r})), 0)
                )""".replace("{r}", reserving);
    }

    /**
     * {@link #insertAndTrimAfter} for a rows form (HotStatement): {@code reserving} has a row per
     * caller with its batch_ord, event_count, stream_id and cap; the messages come flattened
     * (:messages, :compressed, with :nestedCaller and :nestedPosition). The trim is skipped whole
     * (a One-Time Filter) unless a session of the batch is past the cap, and bounded below by each
     * session's events_trimmed_through before the statement, as in insertAndTrimAfter.
     */
    public static String insertAndTrimRows(String reserving) {
        return """
                inserted AS (
                    INSERT INTO session_events (session_id, seq, stream_id, message, compressed, created_at)
                    SELECT {r}.id, {r}.event_seq - {r}.event_count + messages.position, {r}.stream_id,
                           messages.data, messages.compressed, now()
                    FROM {r} JOIN unnest(CAST(:nestedCaller AS bigint[]), CAST(:nestedPosition AS bigint[]),
                            CAST(:messages AS bytea[]), CAST(:compressed AS boolean[]))
                        AS messages(caller, position, data, compressed) ON messages.caller = {r}.batch_ord
                ), trimmed AS (
                    DELETE FROM session_events USING {r} JOIN sessions AS before ON before.id = {r}.id
                    WHERE EXISTS (SELECT 1 FROM {r} AS past WHERE past.event_count > 0 AND past.event_seq > past.cap)
                      AND {r}.event_count > 0 AND {r}.event_seq > {r}.cap
                      AND session_events.session_id = {r}.id
                      AND session_events.seq <= {r}.events_trimmed_through
                      AND session_events.seq > before.events_trimmed_through
                )""".replace("{r}", reserving);
    }

    /**
     * An append on its own (the REST API, a stream's continuation): no activity, the session's TTL is
     * not extended. It NOTIFYs at commit, for replicas following the stream.
     */
    static final String APPEND = """
            WITH reserved AS (
                UPDATE sessions SET\s""" + RESERVE_SEQUENCE + """

                WHERE id = :sessionId AND expires_at > now()
                RETURNING id, event_seq, events_trimmed_through
            ),\s""" + insertAndTrimAfter("reserved") + """

            SELECT event_seq FROM reserved, LATERAL (SELECT pg_notify(:channel, md5(reserved.id))) AS notified""";

    /** The channel an append NOTIFYs, with md5(session id): replicas following the session's streams wake up. */
    public static final String CHANNEL = "mcp_session_events";

    /** Whether the session is live, how far it was trimmed, and the stream of the event :afterSeq. */
    static final String REPLAY_STATE = """
            SELECT sessions.events_trimmed_through,
                   (SELECT stream_id FROM session_events
                    WHERE session_id = sessions.id AND seq = :afterSeq) AS after_stream
            FROM sessions WHERE id = :sessionId AND expires_at > now()""";

    static final String EVENTS_AFTER = """
            SELECT seq, message, compressed, created_at
            FROM session_events
            WHERE session_id = :sessionId AND stream_id = :streamId AND seq > :afterSeq
            ORDER BY seq
            LIMIT :limit""";

    /**
     * A session's events after :afterSeq across all its streams, in the order they were stored: what a
     * legacy SSE client's one stream carries (the primary key serves it).
     */
    static final String SESSION_EVENTS_AFTER = """
            SELECT seq, stream_id, message, compressed, created_at
            FROM session_events
            WHERE session_id = :sessionId AND seq > :afterSeq
            ORDER BY seq
            LIMIT :limit""";

    /**
     * The NOTIFY of {@link #APPEND} on its own, for events a statement of the session store appended
     * with a request's activity (which sends none, since a Streamable HTTP client gets them in the reply).
     */
    static final String NOTIFY = "SELECT pg_notify(:channel, md5(CAST(:sessionId AS text)))";

    private EventSql() {
    }
}
