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
 * Two replicas on one database under load, one killed (SIGKILL: no shutdown hook, no drain, as
 * when a node dies): its clients get no answer and go on at the other replica, which serves their
 * sessions; nothing acknowledged is lost and no acknowledged increment is counted twice.
 */
class ReplicaKillFaultIT {

    @Test
    void replicaWhenKilledUnderLoadThenClientsGoOnAtTheOtherAndNothingLost() {
        String apiKey = FaultDatabase.randomSecret();
        Ledger ledger = new Ledger();
        String key = "20-replica-kill";
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess doomed = Faults.service("faults-replica-a", environment(database, apiKey)).start();
                ServiceProcess survivor = Faults.service("faults-replica-b", environment(database, apiKey)).start();
                LoadClient load = new LoadClient(List.of(doomed.baseUri(), survivor.baseUri()), apiKey, ledger,
                        key + "-" + System.nanoTime())) {
            long started = System.nanoTime();
            load.start(8);
            Faults.awaitAcknowledged(load, started, 3000, Duration.ofSeconds(60));
            long faultAt = System.nanoTime();
            doomed.kill();
            long deadAt = System.nanoTime();
            Api.await("2000 acknowledged requests after the kill", Duration.ofSeconds(60),
                    () -> load.tally(deadAt, Long.MAX_VALUE).getOrDefault(Outcome.OK, 0L) >= 2000);
            load.stop();
            long endedAt = System.nanoTime();

            Ledger.Audit audit = Faults.audit(ledger, database, survivor.baseUri(), apiKey);
            Map<Outcome, Long> all = load.tally(started, endedAt);
            long lastRefusal = load.lastNotOk();
            long secrets = Faults.secretsIn(doomed.log() + survivor.log(), List.of(apiKey, database.password()));
            new FaultSection(key, "SIGKILL of one of two replicas under load", """
                    Two replicas of the service share the database; the clients start half on each. One
                    replica is killed with SIGKILL (`kill -9`: no shutdown hook, no drain). A client that gets
                    no answer tries the other replica; its sessions are in the database, so they go on there.""")
                    .rate("load before the kill (2xx, both replicas)", load.okRate(started, faultAt))
                    .rate("load after the kill (2xx, one replica)", load.okRate(deadAt, endedAt))
                    .outcomes("statuses over the whole run", all)
                    .millis("kill to the last request without a 2xx (every client moved on)", faultAt, lastRefusal)
                    .audit(audit)
                    .row("API key and database password found in the replicas' logs", secrets)
                    .write();

            Faults.assertPromiseKept(all, audit, true, doomed.log() + survivor.log());
            assertTrue(all.getOrDefault(Outcome.NO_ANSWER, 0L) > 0, "the kill was seen: " + all);
            assertEquals(0L, secrets);
        }
    }

    private static Map<String, String> environment(FaultDatabase database, String apiKey) {
        return Map.of("DATABASE_URL", database.databaseUrl(), "MCP_API_KEYS", apiKey);
    }
}
