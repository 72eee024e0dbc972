package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;

/** What the fault tests share: waiting on the load, the audit, the checks every fault ends with. */
final class Faults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Faults() {
    }

    /** The packaged service, not started, with the log of an earlier run of the suite removed. */
    static ServiceProcess service(String name, Map<String, String> environment) {
        try {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "it-" + name + ".log"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ServiceProcess(name, environment);
    }

    /** Waits (polling, with a deadline) until the load has {@code count} more 2xx after {@code sinceNanos}. */
    static void awaitAcknowledged(LoadClient load, long sinceNanos, long count, Duration deadline) {
        Api.await(count + " acknowledged requests", deadline,
                () -> load.tally(sinceNanos, Long.MAX_VALUE).getOrDefault(Outcome.OK, 0L) >= count);
    }

    /** The event numbers stored in a session's stream "s", read through the service's API. */
    static List<Long> storedEvents(String baseUri, String apiKey, String sessionId) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri + "/sessions/" + sessionId
                    + "/streams/s/events?limit=1000")).header("Authorization", "Bearer " + apiKey)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return List.of();
            }
            assertEquals(200, response.statusCode(), response.body());
            List<Long> numbers = new ArrayList<>();
            for (JsonNode event : JSON.readTree(response.body()).path("events")) {
                numbers.add(event.path("message").path("n").asLong(-1));
            }
            return numbers;
        } catch (IOException e) {
            throw new IllegalStateException("reading the stream of " + sessionId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The audit of the load's writes, read from the database and through the service's API. */
    static Ledger.Audit audit(Ledger ledger, FaultDatabase database, String baseUri, String apiKey) {
        try (Connection connection = database.connect()) {
            return ledger.audit(connection, id -> storedEvents(baseUri, apiKey, id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every fault must show: only 2xx and 503 with Retry-After, nothing lost or doubled. A
     * failure quotes the service's own account of each 500 in {@code serviceLog} (masked already).
     */
    static void assertPromiseKept(Map<Outcome, Long> outcomes, Ledger.Audit audit, boolean answersExpectedMissing,
            String serviceLog) {
        for (Outcome bad : List.of(Outcome.UNAVAILABLE_WITHOUT_RETRY_AFTER, Outcome.OTHER_5XX, Outcome.CLIENT_ERROR)) {
            assertEquals(0L, outcomes.getOrDefault(bad, 0L), () -> bad.label + ": " + outcomes + unexpectedFailures(serviceLog));
        }
        if (!answersExpectedMissing) {
            assertEquals(0L, outcomes.getOrDefault(Outcome.NO_ANSWER, 0L), "the service kept answering: " + outcomes);
        }
        assertEquals(0L, audit.lost(), "acknowledged writes lost: " + audit.problems());
        assertEquals(0L, audit.duplicated(), "writes stored twice or never sent: " + audit.problems());
    }

    /** The service's "unexpected failure" log lines (a 500 each), with the frames logged under them: at most three. */
    static String unexpectedFailures(String serviceLog) {
        StringBuilder found = new StringBuilder();
        int count = 0;
        boolean inFailure = false;
        for (String line : serviceLog.split("\n")) {
            if (line.contains("unexpected failure, error id")) {
                inFailure = ++count <= 3;
            } else if (!line.startsWith("\tat ")) {
                inFailure = false;
            }
            if (inFailure) {
                found.append("\n").append(line);
            }
        }
        return count == 0 ? "; no unexpected failure in the service's log" : "; the service's log:" + found;
    }

    /** No secret value in a log: the check the README promises, on the suite's own logs. */
    static long secretsIn(String log, List<String> secrets) {
        long found = 0;
        for (String secret : secrets) {
            assertFalse(secret.length() < 12, "a secret this short could match by chance: " + secret.length());
            int at = log.indexOf(secret);
            while (at >= 0) {
                found++;
                at = log.indexOf(secret, at + 1);
            }
        }
        return found;
    }
}
