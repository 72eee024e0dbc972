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
 * The reactive pool as Quarkus configures it, with one change: when the prepared-statement cache is
 * on (DB_PREPARED_STATEMENT_CACHE), statements up to 8 KiB are cached. The client's default limit
 * (2,048 characters) leaves out the longest and costliest to plan: the create statement (2.8 KiB).
 */
@Singleton
public class ReactivePoolCreator implements PgPoolCreator {

    static final int CACHED_SQL_LIMIT = 8192;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT));
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
