package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PgBouncer;
import io.mcp.sessionstore.testing.PgBouncerRequired;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * The service on Neon's pooled endpoint, reproduced: Debian's PgBouncer in transaction mode in
 * front of PostgreSQL (migrations and LISTEN over the direct endpoint, as DATABASE_URL_UNPOOLED
 * gives them), the load through it, then PgBouncer restarted under load (what a restart of Neon's
 * pooler is): only 2xx and 503 with Retry-After, recovery on its own, nothing lost.
 */
@PgBouncerRequired
class PgBouncerFaultIT {

    @Test
    void pgBouncerWhenRestartedUnderLoadThenOnly503sAndRecoveryAndNothingLost() {
        String apiKey = FaultDatabase.randomSecret();
        Ledger ledger = new Ledger();
        String key = "30-pgbouncer-restart";
        try (FaultDatabase database = new FaultDatabase(); PgBouncer pgBouncer = PgBouncer.start(database);
                ServiceProcess service = Faults.service("faults-pgbouncer", Map.of(
                        "DATABASE_URL", pgBouncer.databaseUrl(), "DATABASE_URL_UNPOOLED", database.databaseUrl(),
                        "DB_PREPARED_STATEMENT_CACHE", "false", "MCP_API_KEYS", apiKey, "SESSION_DB_TIMEOUT", "2s")).start();
                Readiness readiness = new Readiness(service.baseUri());
                LoadClient load = new LoadClient(List.of(service.baseUri()), apiKey, ledger, key + "-" + System.nanoTime())) {
            long before = pgBouncer.transactions(FaultDatabase.DATABASE);
            long started = System.nanoTime();
            load.start(8);
            Faults.awaitAcknowledged(load, started, 3000, Duration.ofSeconds(60));
            long throughPooler = pgBouncer.transactions(FaultDatabase.DATABASE) - before;
            long faultAt = System.nanoTime();
            pgBouncer.restart();
            long backAt = System.nanoTime();
            Api.await("a 2xx after PgBouncer's return", Duration.ofSeconds(60), () -> load.firstOkAfter(backAt) > 0);
            long recoveredAt = load.firstOkAfter(backAt);
            Api.await("readiness UP after PgBouncer's return", Duration.ofSeconds(60), () -> readiness.first(true, recoveredAt) > 0);
            Faults.awaitAcknowledged(load, recoveredAt, 2000, Duration.ofSeconds(60));
            load.stop();
            long endedAt = System.nanoTime();

            Ledger.Audit audit = Faults.audit(ledger, database, service.baseUri(), apiKey);
            Map<Outcome, Long> all = load.tally(started, endedAt);
            long down = readiness.first(false, faultAt);
            long secrets = Faults.secretsIn(service.log(), List.of(apiKey, database.password()));
            new FaultSection(key, "Through PgBouncer in transaction mode, and its restart under load", """
                    PgBouncer %s (Debian's package) in transaction mode between the service and PostgreSQL,
                    `DB_PREPARED_STATEMENT_CACHE=false` (PgBouncer before 1.21 keeps no prepared statements),
                    migrations and LISTEN over the direct endpoint (`DATABASE_URL_UNPOOLED`), as on Neon.
                    Under load, PgBouncer is stopped by its pid (SIGTERM: its immediate shutdown, every
                    connection dropped) and started again on the same port.""".formatted(pgBouncer.version()))
                    .row("transactions PgBouncer passed in the first phase (its SHOW STATS)", throughPooler)
                    .rate("load through PgBouncer before the restart (2xx)", load.okRate(started, faultAt))
                    .rate("load after recovery (2xx)", load.okRate(recoveredAt, endedAt))
                    .outcomes("statuses from the restart to the first 2xx", load.tally(faultAt, recoveredAt))
                    .outcomes("statuses over the whole run", all)
                    .millis("PgBouncer down (stop to a query passing again)", faultAt, backAt)
                    .millis("PgBouncer back to the first 2xx", backAt, recoveredAt)
                    .row("readiness DOWN during the restart", down < 0 || down > recoveredAt ? "no (the restart was shorter than a probe's failure)"
                            : "after " + (down - faultAt) / 1_000_000 + " ms, UP again "
                                    + (readiness.first(true, down) - backAt) / 1_000_000 + " ms after PgBouncer's return")
                    .audit(audit)
                    .row("API key and database password found in the service's log", secrets)
                    .write();

            Faults.assertPromiseKept(all, audit, false, service.log());
            assertTrue(throughPooler >= 1000, "the load went through PgBouncer: " + throughPooler);
            assertEquals(0L, secrets);
        }
    }
}
