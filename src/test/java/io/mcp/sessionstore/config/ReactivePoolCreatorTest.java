package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

class ReactivePoolCreatorTest {

    @Test
    void poolWhenCreatedThenLongStatementsFitTheCache() {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setCachePreparedStatements(true);
        try {
            Pool pool = new ReactivePoolCreator().create(new PgPoolCreator.Input() {
                @Override
                public Vertx vertx() {
                    return vertx;
                }

                @Override
                public PoolOptions poolOptions() {
                    return new PoolOptions().setMaxSize(1);
                }

                @Override
                public List<PgConnectOptions> pgConnectOptionsList() {
                    return List.of(options);
                }
            });
            pool.close();
            assertTrue(options.getPreparedStatementCacheSqlFilter().test("x".repeat(4096)), "a 4 KiB statement is cached");
            assertFalse(options.getPreparedStatementCacheSqlFilter().test("x".repeat(ReactivePoolCreator.CACHED_SQL_LIMIT + 1)));
        } finally {
            vertx.close();
        }
    }
}
