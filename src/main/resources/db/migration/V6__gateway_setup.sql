-- The setup a gateway client did on its upstream session (logging/setLevel, resources/subscribe),
-- replayed on a new upstream session after a re-initialize: a JSON array of {"method","params"}.
ALTER TABLE sessions ADD COLUMN upstream_setup jsonb NOT NULL DEFAULT '[]';
