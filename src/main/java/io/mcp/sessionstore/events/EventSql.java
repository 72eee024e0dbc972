package io.mcp.sessionstore.events;

/** Every statement of the event store. Appends and reads never revive an expired session. */
final class EventSql {

    /**
     * One append, one statement: takes the next sequence numbers by updating the session row (so
     * appenders to one session queue on its row lock and commit in sequence order), inserts the
     * events in the given order, and drops the oldest beyond the cap. :messages is a JSON array of
     * {"data": base64 or null, "compressed": boolean}. No row comes back for an absent session.
     */
    static final String APPEND = """
            WITH reserved AS (
                UPDATE sessions SET
                    event_seq = event_seq + :count,
                    events_trimmed_through = GREATEST(events_trimmed_through, event_seq + :count - :cap)
                WHERE id = :sessionId AND expires_at > now()
                RETURNING event_seq, events_trimmed_through
            ), inserted AS (
                INSERT INTO session_events (session_id, seq, stream_id, message, compressed, created_at)
                SELECT :sessionId, reserved.event_seq - :count + messages.position, :streamId,
                       decode(messages.item ->> 'data', 'base64'), CAST(messages.item ->> 'compressed' AS boolean), now()
                FROM reserved, jsonb_array_elements(CAST(CAST(:messages AS text) AS jsonb))
                    WITH ORDINALITY AS messages(item, position)
                RETURNING seq, created_at
            ), trimmed AS (
                DELETE FROM session_events USING reserved
                WHERE session_events.session_id = :sessionId
                  AND session_events.seq <= reserved.events_trimmed_through
            )
            SELECT seq FROM inserted ORDER BY seq""";

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

    /** The newest events of a session, all streams: what a health check shows. */
    static final String RECENT = """
            SELECT seq, stream_id, octet_length(message) AS stored_bytes, created_at
            FROM session_events WHERE session_id = :sessionId
            ORDER BY seq DESC
            LIMIT :limit""";

    private EventSql() {
    }
}
