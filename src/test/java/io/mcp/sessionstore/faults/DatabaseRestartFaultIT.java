package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * PostgreSQL stopped under load, fast (SIGINT: connections closed, open transactions rolled back)
 * and immediate (SIGQUIT: the server exits at once and recovers from its WAL, as after a crash),
 * then started again: readiness goes DOWN, clients get 503 with Retry-After and nothing else, the
 * service recovers on its own, and every acknowledged write is in the database afterwards.
 */
class DatabaseRestartFaultIT {

    @Test
    void databaseWhenStoppedFastUnderLoadThenOnly503sAndRecoveryAndNothingLost() {
        restartUnderLoad(FaultDatabase.Shutdown.FAST, "10-database-fast", "Database restart under load: fast shutdown");
    }

    @Test
    void databaseWhenStoppedImmediatelyUnderLoadThenOnly503sAndRecoveryAndNothingLost() {
        restartUnderLoad(FaultDatabase.Shutdown.IMMEDIATE, "11-database-immediate",
                "Database restart under load: immediate shutdown (a crash)");
    }

    private static void restartUnderLoad(FaultDatabase.Shutdown mode, String key, String title) {
        String apiKey = FaultDatabase.randomSecret();
        Ledger ledger = new Ledger();
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess service = Faults.service("faults-" + key, Map.of("DATABASE_URL", database.databaseUrl(),
                        "MCP_API_KEYS", apiKey, "SESSION_DB_TIMEOUT", "2s")).start();
                Readiness readiness = new Readiness(service.baseUri());
                LoadClient load = new LoadClient(List.of(service.baseUri()), apiKey, ledger, key + "-" + System.nanoTime())) {
            long started = System.nanoTime();
            load.start(8);
            Faults.awaitAcknowledged(load, started, 2000, Duration.ofSeconds(60));
            long faultAt = System.nanoTime();
            database.stop(mode);
            Api.await("readiness DOWN", Duration.ofSeconds(30), () -> readiness.first(false, faultAt) > 0);
            Api.await("clients answered 503 with Retry-After while the database is down", Duration.ofSeconds(30),
                    () -> load.tally(faultAt, Long.MAX_VALUE).getOrDefault(Outcome.UNAVAILABLE, 0L) >= 200);
            database.start();
            long backAt = System.nanoTime();
            Api.await("a 2xx after the database's return", Duration.ofSeconds(60), () -> load.firstOkAfter(backAt) > 0);
            Api.await("readiness UP after the database's return", Duration.ofSeconds(60),
                    () -> readiness.first(true, backAt) > 0);
            long recoveredAt = load.firstOkAfter(backAt);
            Faults.awaitAcknowledged(load, recoveredAt, 2000, Duration.ofSeconds(60));
            load.stop();
            long endedAt = System.nanoTime();

            Ledger.Audit audit = Faults.audit(ledger, database, service.baseUri(), apiKey);
            Map<Outcome, Long> all = load.tally(started, endedAt);
            Map<Outcome, Long> duringFault = load.tally(faultAt, recoveredAt);
            long secrets = Faults.secretsIn(service.log(), List.of(apiKey, database.password()));
            new FaultSection(key, title, """
                    The load runs against one replica; then PostgreSQL is stopped (%s), kept down until the
                    clients have had 200 answers of 503, and started again on the same data. The service
                    runs with `SESSION_DB_TIMEOUT=2s` and active readiness.""".formatted(
                    mode == FaultDatabase.Shutdown.FAST ? "`pg_ctl stop -m fast`: SIGINT to the postmaster"
                            : "`pg_ctl stop -m immediate`: SIGQUIT to the postmaster, crash recovery at the start"))
                    .rate("load before the fault (2xx)", load.okRate(started, faultAt))
                    .rate("answers during the fault (any status)", load.tally(faultAt, recoveredAt).values().stream()
                            .mapToLong(Long::longValue).sum() / ((recoveredAt - faultAt) / 1e9))
                    .rate("load after recovery (2xx)", load.okRate(recoveredAt, endedAt))
                    .outcomes("statuses during the fault", duringFault)
                    .outcomes("statuses over the whole run", all)
                    .millis("fault to readiness DOWN", faultAt, readiness.first(false, faultAt))
                    .millis("database down (stop signalled to accepting connections again)", faultAt, backAt)
                    .millis("database back to the first 2xx", backAt, recoveredAt)
                    .millis("database back to readiness UP", backAt, readiness.first(true, backAt))
                    .audit(audit)
                    .row("API key and database password found in the service's log", secrets)
                    .write();

            Faults.assertPromiseKept(all, audit, false, service.log());
            assertTrue(duringFault.getOrDefault(Outcome.UNAVAILABLE, 0L) >= 200, duringFault.toString());
            assertEquals(0L, secrets, "a secret in " + service.log().length() + " characters of log");
        }
    }
}
