-- One re-initialize of a lost upstream session across replicas: the replica that sets this (on the
-- generation it saw lost, while no other lease runs) initializes the upstream again; the others wait
-- for the new generation. Moving the link clears it; a replica that died holding it is outlived.
ALTER TABLE sessions ADD COLUMN upstream_reinitializing_until timestamptz;
