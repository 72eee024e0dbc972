package io.mcp.sessionstore.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool as Quarkus configures it, with two changes. When the prepared-statement cache is
 * on (DB_PREPARED_STATEMENT_CACHE), statements up to 8 KiB are cached. The client's default limit
 * (2,048 characters) leaves out the longest and costliest to plan: the create statement (2.8 KiB).
 * When the cache is off (as behind a transaction-mode PgBouncer that does not track prepared
 * statements), every statement goes unnamed in a single round trip (the client's layer-7-proxy mode):
 * otherwise the pooler may send its parse and its execution to two different server connections
 * ("unnamed prepared statement does not exist").
 */
@Singleton
public class ReactivePoolCreator implements PgPoolCreator {

    static final int CACHED_SQL_LIMIT = 8192;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT);
            if (!options.getCachePreparedStatements()) {
                options.setUseLayer7Proxy(true);
            }
            servers.add(options);
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
