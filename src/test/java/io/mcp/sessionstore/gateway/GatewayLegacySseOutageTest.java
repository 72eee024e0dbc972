package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacySseClientTestResource;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The database away while a legacy SSE stream is open: the stream stays open (a client told 503 when
 * it reconnected would give up: an EventSource does on any status but 200) and carries the next
 * answer once the database is back. In-process only: the stream's wait is seen in its log.
 */
@QuarkusTest
@WithTestResource(LegacySseClientTestResource.class)
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseOutageTest {

    @Test
    void databaseOutageWhenAStreamIsOpenThenItWaitsAndCarriesTheNextAnswer() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.mcp.sessionstore.mcp.transport.LegacySseStream");
        logger.addHandler(capture);
        try (GatewayLegacySseClientTest.Channel channel = GatewayLegacySseClientTest.initialized()) {
            TestDatabase database = PostgresTestResource.database();
            database.stop();
            try {
                Api.await("the stream to meet the outage", Duration.ofSeconds(30),
                        () -> lines.stream().anyMatch(line -> line.contains("waits for the database")));
            } finally {
                database.start();
            }
            Api.await("the database back", Duration.ofSeconds(60),
                    () -> Api.api().get(Api.session(channel.session())).statusCode() == 200);
            GatewayLegacySseClientTest.post(channel.endpoint(), Api.KEY, GatewayLegacySseClientTest.call(5, "echo",
                    "{\"message\":\"after the outage\"}")).then().statusCode(202);
            assertTrue(channel.message(data -> data.contains("\"id\":5")).data().contains("after the outage"),
                    "the same stream carries it");
            assertTrue(lines.stream().noneMatch(line -> line.contains("ended")), lines.toString());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
