-- Sessions created through /mcp belong to the API key that created them (its id, never the key):
-- another key presenting the session id is answered as if the session did not exist.
ALTER TABLE sessions ADD COLUMN owner_key varchar(32);
