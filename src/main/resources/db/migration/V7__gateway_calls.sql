-- A gateway call whose answer is still being read from its upstream (a batch of 2025-03-26 may
-- have several on one client stream):
-- the replica reading it holds a lease and renews it; when the replica dies, another takes the call
-- over after the lease ran out and resumes the upstream stream after upstream_event_id (GET with
-- Last-Event-ID). The row goes when the stream has its response. No foreign key: a call whose
-- session is gone is dropped by the replica that takes it.
CREATE TABLE gateway_calls (
    session_id          varchar(128) COLLATE "C" NOT NULL,
    stream_id           varchar(64)  COLLATE "C" NOT NULL,
    server_id           varchar(256) NOT NULL,
    -- the JSON-RPC id of the client's request, as JSON (a string or a number)
    request_id          text         NOT NULL,
    upstream_generation integer      NOT NULL,
    -- the id of the last upstream SSE event stored in the client's stream (null: none had an id)
    upstream_event_id   text,
    -- a tools/call's tool: its call is recorded with the duration at the gateway when it ends
    tool_name           text,
    owner               varchar(64)  NOT NULL,
    lease_until         timestamptz  NOT NULL,
    -- when the gateway received the request
    started_at          timestamptz  NOT NULL,
    PRIMARY KEY (session_id, stream_id, request_id)
);
CREATE INDEX gateway_calls_lease ON gateway_calls (lease_until);
