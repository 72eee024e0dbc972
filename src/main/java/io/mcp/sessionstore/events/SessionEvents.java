package io.mcp.sessionstore.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes the events of sessions that the same transaction has just deleted. It must be a
 * statement of its own, after the one that deleted the sessions: an append that held a session's
 * row lock until just before has committed its events by then, and this statement's snapshot sees
 * them; once the row is gone no append can add more (appends update the live row first).
 */
public final class SessionEvents {

    static final String DELETE_OF_SESSIONS = "DELETE FROM session_events WHERE session_id = ANY ($1::varchar[])";

    private SessionEvents() {
    }

    public static Uni<Void> deleteOf(SqlConnection connection, String... sessionIds) {
        if (sessionIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(DELETE_OF_SESSIONS).execute(Tuple.of(sessionIds))
                .replaceWithVoid();
    }
}
