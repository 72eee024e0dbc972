package io.mcp.sessionstore.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The database calls. Env: SESSION_DB_TIMEOUT, SESSION_DB_BATCHING, SESSION_DB_BATCH_MAX (see ConfigAliases). */
@ConfigMapping(prefix = "db")
public interface DatabaseConfig {

    /**
     * How long one call waits for the database (a connection and its statement, or a transaction)
     * before it fails as unavailable: a request answers 503 rather than hang.
     */
    @WithDefault("5s")
    Duration timeout();

    /**
     * Whether the hot statements (a session read, its activity, a create, an event append) of requests
     * that arrive while one of their kind is in flight go together, in one round trip and one commit
     * (StatementBatcher); off: one statement and one commit per request. Env: SESSION_DB_BATCHING.
     */
    @WithDefault("true")
    boolean batching();

    /** The most requests one batch carries. Env: SESSION_DB_BATCH_MAX. */
    @WithDefault("64")
    int batchMax();

}
