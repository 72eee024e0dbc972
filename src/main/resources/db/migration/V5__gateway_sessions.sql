-- Sessions of the gateway (/mcp/{serverId}): server_id names the upstream, owner_key the API key.
-- What the gateway keeps to re-initialize a lost upstream session without the client noticing:
ALTER TABLE sessions
    -- the upstream's Mcp-Session-Id, AES-256-GCM sealed (key id | nonce | ciphertext): a bearer token
    -- to the upstream, never stored in clear
    ADD COLUMN upstream_session bytea,
    -- bumped by each (re-)initialize of the upstream: the compare-and-set that makes one loss one
    -- re-initialize, however many requests meet it at once
    ADD COLUMN upstream_generation integer NOT NULL DEFAULT 0,
    ADD COLUMN upstream_reinitializations bigint NOT NULL DEFAULT 0,
    -- the client's initialize params verbatim, replayed to a new upstream session
    ADD COLUMN client_initialize jsonb,
    -- the upstream's InitializeResult, compared with a new one after a re-initialize
    ADD COLUMN upstream_initialize jsonb,
    ADD COLUMN last_upstream_error varchar(512);
