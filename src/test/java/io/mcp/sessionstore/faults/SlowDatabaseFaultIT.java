package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * A database that answers, slowly: every statement that writes the sessions table waits 3 s in a trigger,
 * longer than the service's SESSION_DB_TIMEOUT of 1 s. Requests must get 503 with Retry-After
 * within the timeout (not hang), the connection pool must not leak (the connections the slow
 * statements held come back), and the service must serve again on its own when the database is
 * fast again.
 */
class SlowDatabaseFaultIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final int POOL = 20;

    @Test
    void databaseWhenSlowerThanTheTimeoutThen503sWithinItAndNoLeakAndRecovery() {
        String apiKey = FaultDatabase.randomSecret();
        Ledger ledger = new Ledger();
        String key = "40-slow-database";
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess service = Faults.service("faults-slow", Map.of("DATABASE_URL", database.databaseUrl(),
                        "MCP_API_KEYS", apiKey, "SESSION_DB_TIMEOUT", TIMEOUT.toSeconds() + "s",
                        "DB_POOL_MAX_SIZE", Integer.toString(POOL))).start();
                LoadClient load = new LoadClient(List.of(service.baseUri()), apiKey, ledger, key + "-" + System.nanoTime())) {
            long started = System.nanoTime();
            load.start(8);
            Faults.awaitAcknowledged(load, started, 2000, Duration.ofSeconds(60));
            long slowAt = System.nanoTime();
            database.execute("""
                    CREATE FUNCTION faults_slow() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$""");
            database.execute("CREATE TRIGGER faults_slow BEFORE INSERT OR UPDATE ON sessions FOR EACH STATEMENT"
                    + " EXECUTE FUNCTION faults_slow()");
            Api.await("300 answers of 503 while the database is slow", Duration.ofSeconds(60),
                    () -> load.tally(slowAt, Long.MAX_VALUE).getOrDefault(Outcome.UNAVAILABLE, 0L) >= 300);
            long connectionsWhileSlow = connections(database);
            long fastAt = System.nanoTime();
            database.execute("DROP TRIGGER faults_slow ON sessions");
            Api.await("a 2xx after the database is fast again", Duration.ofSeconds(60), () -> load.firstOkAfter(fastAt) > 0);
            long recoveredAt = load.firstOkAfter(fastAt);
            Faults.awaitAcknowledged(load, recoveredAt, 2000, Duration.ofSeconds(60));
            load.stop();
            long endedAt = System.nanoTime();
            long connectionsAfter = connections(database);

            Ledger.Audit audit = Faults.audit(ledger, database, service.baseUri(), apiKey);
            Map<Outcome, Long> all = load.tally(started, endedAt);
            Map<Outcome, Long> whileSlow = load.tally(slowAt, fastAt);
            long slowest503 = load.maxLatency(Outcome.UNAVAILABLE, slowAt, endedAt);
            long secrets = Faults.secretsIn(service.log(), List.of(apiKey, database.password()));
            new FaultSection(key, "Slow database", """
                    Under load, a trigger makes every statement that inserts or updates sessions wait 3 s (`pg_sleep`),
                    three times the service's `SESSION_DB_TIMEOUT=1s`, with `DB_POOL_MAX_SIZE=%d`; then the
                    trigger is dropped.""".formatted(POOL))
                    .rate("load before (2xx)", load.okRate(started, slowAt))
                    .rate("load while slow (2xx)", load.okRate(slowAt, fastAt))
                    .rate("load after (2xx)", load.okRate(recoveredAt, endedAt))
                    .outcomes("statuses while slow", whileSlow)
                    .outcomes("statuses over the whole run", all)
                    .row("slowest 503 (SESSION_DB_TIMEOUT is 1 s)", slowest503 / 1_000_000 + " ms")
                    .millis("database fast again to the first 2xx", fastAt, recoveredAt)
                    .row("the service's connections to PostgreSQL while slow / after (pool at most " + POOL + ")",
                            connectionsWhileSlow + " / " + connectionsAfter)
                    .audit(audit)
                    .row("API key and database password found in the service's log", secrets)
                    .write();

            Faults.assertPromiseKept(all, audit, false, service.log());
            assertTrue(whileSlow.getOrDefault(Outcome.UNAVAILABLE, 0L) >= 300, whileSlow.toString());
            assertTrue(slowest503 < TIMEOUT.plusSeconds(1).toNanos(), "a 503 took " + slowest503 / 1_000_000 + " ms");
            assertTrue(connectionsAfter <= POOL + 2, connectionsAfter + " connections: the pool leaks");
            assertTrue(recoveredAt - fastAt < Duration.ofSeconds(15).toNanos(), "recovered only after "
                    + (recoveredAt - fastAt) / 1_000_000 + " ms: abandoned writes were still being sent");
            assertEquals(0L, secrets);
        }
    }

    /** The service's connections (its pool and its LISTEN connection), as PostgreSQL counts them. */
    private static long connections(FaultDatabase database) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                        + FaultDatabase.USER + "'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
