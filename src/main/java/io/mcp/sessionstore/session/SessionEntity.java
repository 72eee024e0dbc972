package io.mcp.sessionstore.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of {@code sessions}. Rows are written only by the single statements in {@link SessionSql};
 * Hibernate maps what they return and validates the Flyway schema at start. JSON columns arrive as
 * text (the statements cast them), so no JSON mapping layer sits between the database and the API.
 */
@Entity
@Table(name = "sessions")
public class SessionEntity extends PanacheEntityBase {

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
