-- A stdio upstream's child process, run by one gateway replica for one client session. The replica
-- renews its lease while it runs the child; a request that lands on another replica is forwarded to
-- owner_url while the lease holds, and once it ran out (the owner died) that replica starts a child of
-- its own and re-initializes it. The child's key is the upstream session id the gateway seals in the
-- session row; only its SHA-256 is kept here. No foreign key: rows outlive nothing but their lease.
CREATE TABLE gateway_stdio_children (
    key_hash    bytea        PRIMARY KEY,
    server_id   varchar(256) NOT NULL,
    owner       varchar(64)  NOT NULL,
    owner_url   text         NOT NULL,
    lease_until timestamptz  NOT NULL
);
CREATE INDEX gateway_stdio_children_owner ON gateway_stdio_children (owner);
