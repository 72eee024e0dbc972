package io.mcp.sessionstore.events;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A row of {@code session_events}. Written and read by the statements in {@link EventSql}; mapped
 * so that Hibernate validates the Flyway schema at start and the health check's listing of recent
 * events is a Panache query.
 */
@Entity
@Table(name = "session_events")
@IdClass(SessionEventEntity.Key.class)
public class SessionEventEntity {

    @Id
    @Column(name = "session_id", length = 128)
    public String sessionId;
    @Id
    public long seq;
    @Column(name = "stream_id", length = 128)
    public String streamId;
    public byte[] message;
    public boolean compressed;
    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(String sessionId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
