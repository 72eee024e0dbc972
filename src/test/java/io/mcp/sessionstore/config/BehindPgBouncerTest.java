package io.mcp.sessionstore.config;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.BehindPgBouncer;
import io.mcp.sessionstore.testing.PgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.mcp.sessionstore.testing.PgBouncerTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The application behind a transaction-mode PgBouncer started (migrations and schema check
 * included); these cases prove that its traffic really goes through PgBouncer, so the suites of the
 * same profile test what they claim to.
 */
@QuarkusTest
@TestProfile(BehindPgBouncer.class)
@PgBouncerRequired
class BehindPgBouncerTest {

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    @Test
    void datasourceWhenDatabaseUrlNamesPgBouncerThenBothClientsConnectThere() {
        String address = "127.0.0.1:" + PgBouncerTestResource.pgBouncer().port() + "/";
        assertTrue(config("quarkus.datasource.reactive.url").contains(address), "reactive client through PgBouncer");
        assertTrue(config("quarkus.datasource.jdbc.url").contains(address), "Flyway through PgBouncer");
        assertEquals("0", config("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
        assertEquals("false", config("quarkus.datasource.reactive.cache-prepared-statements"));
    }

    @Test
    void requestsWhenServedThenEachStatementIsATransactionOfPgBouncer() {
        PgBouncer pgBouncer = PgBouncerTestResource.pgBouncer();
        String database = DatabaseUrl.parse(pgBouncer.databaseUrl()).database();
        long before = pgBouncer.transactions(database);
        String id = createSession("{\"serverId\":\"pooled\"}");
        for (int i = 0; i < 10; i++) { // beyond pgJDBC's and any client's prepare threshold
            api().get(session(id)).then().statusCode(200);
            json().body("{}").post(session(id) + "/activity").then().statusCode(200);
        }
        api().delete(session(id)).then().statusCode(204);
        long passed = pgBouncer.transactions(database) - before;
        assertTrue(passed >= 22, "PgBouncer passed " + passed + " transactions for 22 requests");
    }
}
