-- One re-initialize of a lost upstream session across replicas: the replica that sets this (on the
-- generation it saw lost, while no other lease runs) initializes the upstream again; the others wait
-- for the new generation. Moving the link clears it; a replica that died holding it is outlived.
ALTER TABLE sessions ADD COLUMN upstream_reinitializing_until timestamptz;

-- When the upstream last lost this session and was re-initialized: the upstream's own in-memory
-- state of the session (anything a tool kept) is gone since then, whatever the client sees.
ALTER TABLE sessions ADD COLUMN upstream_reinitialized_at timestamptz;
