package io.mcp.sessionstore.session;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** Rows of {@link SessionSql#COLUMNS} as the reactive client returns them. */
final class SessionRows {

    private SessionRows() {
    }

    static SessionEntity entity(Row row) {
        SessionEntity entity = new SessionEntity();
        entity.id = row.getString("id");
        entity.serverId = row.getString("server_id");
        entity.userAgent = row.getString("user_agent");
        entity.clientTransport = row.getString("client_transport");
        entity.upstreamTransport = row.getString("upstream_transport");
        entity.protocolVersion = row.getString("protocol_version");
        entity.initialized = row.getBoolean("initialized");
        entity.capabilities = row.getString("capabilities");
        entity.clientInfo = row.getString("client_info");
        entity.attributes = row.getString("attributes");
        entity.createdAt = instant(row, "created_at");
        entity.lastActivity = instant(row, "last_activity");
        entity.expiresAt = instant(row, "expires_at");
        entity.cleanupDueAt = instant(row, "cleanup_due_at");
        entity.ttlSeconds = row.getInteger("ttl_seconds");
        entity.requests = row.getLong("requests");
        entity.toolCalls = row.getLong("tool_calls");
        entity.errors = row.getLong("errors");
        entity.recentToolCalls = row.getString("recent_tool_calls");
        entity.version = row.getLong("version");
        return entity;
    }

    /** A row of {@link SessionSql#RECORD_ACTIVITY}'s RETURNING list. */
    static ActivityResult activity(Row row) {
        return new ActivityResult(row.getString("id"), instant(row, "expires_at"),
                new SessionView.Metrics(row.getLong("requests"), row.getLong("tool_calls"), row.getLong("errors")),
                row.getLong("version"));
    }

    private static java.time.Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
