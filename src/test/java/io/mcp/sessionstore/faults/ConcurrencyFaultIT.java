package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * Races between processes, counted exactly: increments of one session from two replicas at once,
 * three replicas' cleaners over the same expired sessions, appends racing deletes.
 */
class ConcurrencyFaultIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void incrementsWhenTwoReplicasTenThousandEachOnOneSessionThenExact() throws Exception {
        String apiKey = FaultDatabase.randomSecret();
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess one = Faults.service("faults-increments-1", environment(database, apiKey)).start();
                ServiceProcess two = Faults.service("faults-increments-2", environment(database, apiKey)).start()) {
            String id = "race-" + System.nanoTime();
            assertEquals(201, send(one.baseUri(), apiKey, "PUT", "/sessions/" + id, "{}"));
            int perReplica = 10_000;
            int threadsPerReplica = 16;
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerReplica)) {
                List<Future<?>> running = new ArrayList<>();
                for (ServiceProcess replica : List.of(one, two)) {
                    for (int t = 0; t < threadsPerReplica; t++) {
                        running.add(pool.submit(() -> {
                            for (int i = 0; i < perReplica / threadsPerReplica; i++) {
                                int status = send(replica.baseUri(), apiKey, "POST", "/sessions/" + id + "/activity", "{}");
                                statuses.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> future : running) {
                    future.get();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = database.queryLong("SELECT requests FROM sessions WHERE id = ?", id);
            new FaultSection("50-increments", "Concurrency: two replicas, 10,000 increments each, one session", """
                    Two replicas on one database; 16 client threads per replica each send 625 activity
                    requests for the same session, all at once. The session's counter must be exactly
                    the number of 200s.""")
                    .row("statuses", statuses)
                    .rate("increments", 2 * perReplica / seconds)
                    .row("increments acknowledged / stored", statuses.getOrDefault(200, new AtomicLong()) + " / " + stored)
                    .write();
            assertEquals(Map.of(200, 2L * perReplica), Map.of(200, statuses.getOrDefault(200, new AtomicLong()).get()),
                    "every increment acknowledged: " + statuses);
            assertEquals(2L * perReplica, stored, "every acknowledged increment counted once");
        }
    }

    @Test
    void cleanupWhenThreeReplicasOverOneHundredThousandExpiredThenEachDeletedOnceAndNoError() {
        String apiKey = FaultDatabase.randomSecret();
        int expired = 100_000;
        Map<String, String> cleaner = Map.of("SESSION_CLEANUP_INITIAL_DELAY", "1s", "SESSION_CLEANUP_INTERVAL", "1s",
                "SESSION_CLEANUP_BATCH_SIZE", "1000", "SESSION_CLEANUP_PAUSE_RATIO", "0");
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess first = Faults.service("faults-cleaner-1", with(environment(database, apiKey), cleaner)).start();
                ServiceProcess second = Faults.service("faults-cleaner-2", with(environment(database, apiKey), cleaner)).start();
                ServiceProcess third = Faults.service("faults-cleaner-3", with(environment(database, apiKey), cleaner)).start()) {
            database.update("""
                    INSERT INTO sessions (id, server_id, created_at, last_activity, expires_at, cleanup_due_at, ttl_seconds,
                        event_seq)
                    SELECT 'expired-' || n, 'faults', now() - interval '2 hours', now() - interval '2 hours',
                           now() - interval '1 hour', now() - interval '1 hour', 3600, CASE WHEN n % 10 = 1 THEN 1 ELSE 0 END
                    FROM generate_series(1, ?) AS n""", expired);
            database.update("""
                    INSERT INTO session_events (session_id, seq, stream_id, message, compressed, created_at)
                    SELECT 'expired-' || n, 1, 's', NULL, false, now() FROM generate_series(1, ?, 10) AS n""", expired);
            long insertedAt = System.nanoTime();
            Api.await("no expired session left", Duration.ofSeconds(120),
                    () -> database.queryLong("SELECT count(*) FROM sessions WHERE id LIKE 'expired-%'") == 0);
            double seconds = (System.nanoTime() - insertedAt) / 1e9;
            List<ServiceProcess> cleaners = List.of(first, second, third);
            // the passes that found rows may still be logging; each pass logs once when it ends
            Api.await("the cleaners' passes logged", Duration.ofSeconds(30), () -> cleaners.stream()
                    .mapToLong(process -> deleted(process.log())).sum() >= expired);
            List<Long> perCleaner = cleaners.stream().map(process -> deleted(process.log())).toList();
            long failures = cleaners.stream().mapToLong(process -> count(process.log(), "session_cleanup_task_failed")).sum();
            long orphans = database.queryLong("""
                    SELECT count(*) FROM session_events e WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id)""");
            new FaultSection("51-cleaners", "Concurrency: three cleaners over 100,000 expired sessions", """
                    Three replicas on one database, each running a cleanup pass every second (batches of
                    1,000, no pause); 100,000 expired sessions (10,000 with an event) appear in one
                    transaction. Each must be deleted once: the deletions the three replicas log add up to
                    100,000 exactly.""")
                    .row("sessions deleted by each cleaner", perCleaner)
                    .row("sessions deleted in all / expired", perCleaner.stream().mapToLong(Long::longValue).sum() + " / " + expired)
                    .row("time until none was left", String.format(java.util.Locale.ROOT, "%.1f s", seconds))
                    .row("cleanup failures logged", failures)
                    .row("events left without their session", orphans)
                    .write();
            assertEquals(expired, perCleaner.stream().mapToLong(Long::longValue).sum(), "each deleted once: " + perCleaner);
            assertEquals(0, failures);
            assertEquals(0, orphans);
        }
    }

    @Test
    void appendsWhenRacingDeletesThenNoEventOutlivesItsSession() throws Exception {
        String apiKey = FaultDatabase.randomSecret();
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess one = Faults.service("faults-append-delete-1", environment(database, apiKey)).start();
                ServiceProcess two = Faults.service("faults-append-delete-2", environment(database, apiKey)).start()) {
            int sessions = 200;
            Map<Integer, AtomicLong> appendStatuses = new ConcurrentHashMap<>();
            Map<Integer, AtomicLong> deleteStatuses = new ConcurrentHashMap<>();
            String prefix = "append-delete-" + System.nanoTime() + "-";
            for (int i = 0; i < sessions; i++) {
                assertEquals(201, send(one.baseUri(), apiKey, "PUT", "/sessions/" + prefix + i, "{}"));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        for (int round = 0; round < 10; round++) {
                            for (int i = thread; i < sessions; i += 8) {
                                int status = send((i % 2 == 0 ? one : two).baseUri(), apiKey, "POST",
                                        "/sessions/" + prefix + i + "/streams/s/events", "{\"messages\":[{\"r\":1},{\"r\":2}]}");
                                appendStatuses.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        for (int i = thread; i < sessions; i += 4) {
                            int status = send((i % 2 == 1 ? one : two).baseUri(), apiKey, "DELETE", "/sessions/" + prefix + i, null);
                            deleteStatuses.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            }
            long orphans = database.queryLong("""
                    SELECT count(*) FROM session_events e WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id)""");
            long left = database.queryLong("SELECT count(*) FROM sessions WHERE id LIKE ?", prefix + "%");
            new FaultSection("52-append-delete", "Concurrency: appends racing deletes", """
                    Two replicas; 8 threads append pairs of events to 200 sessions, round after round, while
                    4 threads delete the same sessions. An append that loses the race gets 404; none may
                    leave an event behind its deleted session.""")
                    .row("append statuses", appendStatuses)
                    .row("delete statuses", deleteStatuses)
                    .row("sessions left", left)
                    .row("events left without their session", orphans)
                    .write();
            assertTrue(java.util.Set.of(201, 404).containsAll(appendStatuses.keySet()), "appends: 201 or 404 only: "
                    + appendStatuses);
            assertEquals(Map.of(204, (long) sessions), Map.of(204, deleteStatuses.getOrDefault(204, new AtomicLong()).get()),
                    "every delete: " + deleteStatuses);
            assertEquals(0, left);
            assertEquals(0, orphans);
        }
    }

    private static final Pattern DELETED = Pattern.compile("MCP session cleanup: deleted (\\d+) expired sessions");

    private static long deleted(String log) {
        long total = 0;
        Matcher line = DELETED.matcher(log);
        while (line.find()) {
            total += Long.parseLong(line.group(1));
        }
        return total;
    }

    private static long count(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }

    private static Map<String, String> environment(FaultDatabase database, String apiKey) {
        return Map.of("DATABASE_URL", database.databaseUrl(), "MCP_API_KEYS", apiKey);
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.putAll(more);
        return all;
    }

    private static int send(String baseUri, String apiKey, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
