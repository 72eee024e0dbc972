package io.mcp.sessionstore.session;

import java.util.List;

import io.mcp.sessionstore.db.SqlValues;
import io.mcp.sessionstore.events.EventService;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/** Rows of {@link SessionSql} as the reactive client returns them, straight into API values. */
final class SessionRows {

    private SessionRows() {
    }

    /**
     * A row of {@link SessionSql#COLUMNS} (or BOUND_COLUMNS: recent tool calls null). JSON columns
     * arrive as text and leave as raw JSON.
     */
    static SessionView view(Row row) {
        return new SessionView(row.getString("id"), row.getString("server_id"), row.getString("user_agent"),
                row.getString("client_transport"), row.getString("upstream_transport"),
                row.getString("protocol_version"), row.getBoolean("initialized"),
                orEmpty(row.getString("capabilities"), "{}"), orEmpty(row.getString("client_info"), "{}"),
                orEmpty(row.getString("attributes"), "{}"), SqlValues.instant(row, "created_at"),
                SqlValues.instant(row, "last_activity"), SqlValues.instant(row, "expires_at"),
                row.getInteger("ttl_seconds"),
                new SessionView.Metrics(row.getLong("requests"), row.getLong("tool_calls"), row.getLong("errors")),
                row.getString("recent_tool_calls"), row.getLong("version"), gateway(row));
    }

    /** The same row with its upstream link (null when the session has no upstream). */
    static BoundSession bound(Row row) {
        return new BoundSession(view(row), link(row));
    }

    /** The upstream_session and upstream_generation columns of a row, null when there is no upstream. */
    static UpstreamLink link(Row row) {
        Buffer sealed = row.getBuffer("upstream_session");
        return sealed == null ? null : new UpstreamLink(sealed.getBytes(), row.getInteger("upstream_generation"));
    }

    private static GatewayState gateway(Row row) {
        String clientInitialize = row.getString("client_initialize");
        if (clientInitialize == null) {
            return null;
        }
        return new GatewayState(clientInitialize, row.getString("upstream_initialize"),
                row.getInteger("upstream_generation"), row.getLong("upstream_reinitializations"),
                row.getString("last_upstream_error"), row.getString("upstream_setup"),
                SqlValues.instant(row, "upstream_reinitialized_at"));
    }

    /** A row of {@link SessionSql#RECORD_ACTIVITY}, with the ids of the events it appended. */
    static ActivityResult activity(Row row, StreamAppend appended) {
        List<String> ids = appended.messages().isEmpty() ? List.of()
                : EventService.ids(appended.streamId(), row.getLong("event_seq"), appended.messages().size());
        return new ActivityResult(row.getString("id"), SqlValues.instant(row, "expires_at"),
                new SessionView.Metrics(row.getLong("requests"), row.getLong("tool_calls"), row.getLong("errors")),
                row.getLong("version"), ids);
    }

    private static String orEmpty(String json, String empty) {
        return json == null ? empty : json;
    }
}
