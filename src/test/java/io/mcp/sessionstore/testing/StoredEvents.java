package io.mcp.sessionstore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A session's stored events as the database holds them, for the tests of the per-session cap. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /**
     * Makes a session hold {@code count} more events than it has (priming events, stream "stored"),
     * with nothing trimmed: what appends under a larger cap leave, before the service restarts with
     * a smaller one.
     */
    public static void storeBeyondTheCap(String sessionId, int count) {
        var database = PostgresTestResource.database();
        database.update("""
                INSERT INTO session_events (session_id, seq, stream_id)
                SELECT id, event_seq + n, 'stored' FROM sessions, generate_series(1, ?) AS n WHERE id = ?""", count, sessionId);
        assertEquals(1, database.update("UPDATE sessions SET event_seq = event_seq + ? WHERE id = ?", count, sessionId));
    }

    /** The session holds its {@code cap} newest events, no fewer and no older, and says it trimmed the rest. */
    public static void assertKeptExactlyTheNewest(String sessionId, int cap) {
        var database = PostgresTestResource.database();
        long last = database.queryLong("SELECT event_seq FROM sessions WHERE id = ?", sessionId);
        assertEquals(cap, database.queryLong("SELECT count(*) FROM session_events WHERE session_id = ?", sessionId),
                "events kept of session " + sessionId);
        assertEquals(last - cap + 1, database.queryLong("SELECT min(seq) FROM session_events WHERE session_id = ?",
                sessionId), "its oldest event kept");
        assertEquals(last - cap, database.queryLong("SELECT events_trimmed_through FROM sessions WHERE id = ?", sessionId));
    }
}
