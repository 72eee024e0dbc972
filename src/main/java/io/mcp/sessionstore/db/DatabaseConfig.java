package io.mcp.sessionstore.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The database calls. Env: SESSION_DB_TIMEOUT (see ConfigAliases). */
@ConfigMapping(prefix = "db")
public interface DatabaseConfig {

    /**
     * How long one call waits for the database (a connection and its statement, or a transaction)
     * before it fails as unavailable: a request answers 503 rather than hang.
     */
    @WithDefault("5s")
    Duration timeout();
}
