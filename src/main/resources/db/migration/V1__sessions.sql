-- One row per MCP session. Every write is a single statement; times come from the database clock
-- (now()), so replicas with skewed clocks agree on expiry.
CREATE TABLE sessions (
    id                 varchar(128) COLLATE "C" PRIMARY KEY,
    server_id          varchar(256),
    user_agent         varchar(1024),
    client_transport   varchar(64),
    upstream_transport varchar(64),
    protocol_version   varchar(64),
    initialized        boolean     NOT NULL DEFAULT false,
    capabilities       jsonb       NOT NULL DEFAULT '{}',
    client_info        jsonb       NOT NULL DEFAULT '{}',
    attributes         jsonb       NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL,
    last_activity      timestamptz NOT NULL,
    -- the exact expiry: last write + ttl. Not indexed, so the activity update of a session stays a
    -- HOT update (no index entries rewritten) as long as cleanup_due_at does not move.
    expires_at         timestamptz NOT NULL,
    -- a lower bound of expires_at that cleanup scans by; rewritten only when expires_at has moved by
    -- more than a tenth of the TTL, so most activity updates leave every indexed column alone.
    cleanup_due_at     timestamptz NOT NULL,
    ttl_seconds        integer     NOT NULL CHECK (ttl_seconds BETWEEN 60 AND 2592000),
    requests           bigint      NOT NULL DEFAULT 0 CHECK (requests >= 0),
    tool_calls         bigint      NOT NULL DEFAULT 0 CHECK (tool_calls >= 0),
    errors             bigint      NOT NULL DEFAULT 0 CHECK (errors >= 0),
    recent_tool_calls  jsonb       NOT NULL DEFAULT '[]',
    version            bigint      NOT NULL DEFAULT 1,
    CHECK (cleanup_due_at <= expires_at)
) WITH (fillfactor = 80);

CREATE INDEX sessions_cleanup_due_at_idx ON sessions (cleanup_due_at);
CREATE INDEX sessions_server_id_idx ON sessions (server_id, id) WHERE server_id IS NOT NULL;
