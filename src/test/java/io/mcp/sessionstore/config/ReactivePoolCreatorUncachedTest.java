package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** Without the statement cache every statement goes in one round trip (what a transaction pooler needs). */
class ReactivePoolCreatorUncachedTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void poolWhenCacheSetThenSingleRoundTripExactlyWhenItIsOff(boolean cached) {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setCachePreparedStatements(cached);
        try {
            new ReactivePoolCreator().create(new PgPoolCreator.Input() {
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
            }).close();
            assertEquals(!cached, options.getUseLayer7Proxy());
        } finally {
            vertx.close();
        }
    }
}
