package io.mcp.sessionstore.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The {@code sessions} table as Hibernate validates it against the Flyway schema at start. Rows are
 * written and read only by the statements in {@link SessionSql} on the reactive client, which map
 * them straight to {@link SessionView} ({@link SessionRows}).
 */
@Entity
@Table(name = "sessions")
public class SessionEntity {

    @Id
    @Column(length = 128)
    public String id;
    @Column(name = "server_id", length = 256)
    public String serverId;
    @Column(name = "user_agent", length = 1024)
    public String userAgent;
    @Column(name = "client_transport", length = 64)
    public String clientTransport;
    @Column(name = "upstream_transport", length = 64)
    public String upstreamTransport;
    @Column(name = "protocol_version", length = 64)
    public String protocolVersion;
    public boolean initialized;
    @Column(columnDefinition = "jsonb")
    public String capabilities;
    @Column(name = "client_info", columnDefinition = "jsonb")
    public String clientInfo;
    @Column(columnDefinition = "jsonb")
    public String attributes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_activity")
    public Instant lastActivity;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "cleanup_due_at")
    public Instant cleanupDueAt;
    @Column(name = "ttl_seconds")
    public int ttlSeconds;
    public long requests;
    @Column(name = "tool_calls")
    public long toolCalls;
    public long errors;
    @Column(name = "recent_tool_calls", columnDefinition = "jsonb")
    public String recentToolCalls;
    public long version;
}
