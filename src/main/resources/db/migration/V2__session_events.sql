-- Events of resumable MCP streams (SSE), kept per session and removed with it.
-- event_seq numbers a session's events across all its streams (taken by locking the session row,
-- so concurrent appenders get a strict order); everything at or below events_trimmed_through was
-- dropped by the per-session cap.
ALTER TABLE sessions
    ADD COLUMN event_seq bigint NOT NULL DEFAULT 0,
    ADD COLUMN events_trimmed_through bigint NOT NULL DEFAULT 0;

CREATE TABLE session_events (
    session_id varchar(128) COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    stream_id  varchar(128) COLLATE "C" NOT NULL,
    -- the JSON message as UTF-8, deflated when compressed; NULL for a priming event (empty data)
    message    bytea,
    compressed boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, seq)
);

-- The service compresses (SESSION_COMPRESSION); PostgreSQL must not try again.
ALTER TABLE session_events ALTER COLUMN message SET STORAGE EXTERNAL;

CREATE INDEX session_events_stream_idx ON session_events (session_id, stream_id, seq);
