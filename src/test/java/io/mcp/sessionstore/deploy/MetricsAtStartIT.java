package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * A fresh process, scraped and asked nothing else: the store's own meters are in /q/metrics from
 * the start (a dashboard or an alert on them must not wait for a first /session-health call or a
 * first cleanup pass), and the session gauge gets a number of its own after a scrape or two. Every
 * database client's meters carry a name (the LISTEN connection's too: no m__* series).
 */
class MetricsAtStartIT {

    private static final Pattern UNNAMED_SERIES = Pattern.compile("(?m)^m__");
    private static final Pattern ACTIVE_COUNTED = Pattern.compile("(?m)^mcp_sessions_active(\\{[^}]*\\})? [0-9.E]+$");

    private static String scrape(ServiceProcess service) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(service.baseUri() + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Test
    void metricsWhenFreshProcessScrapedThenTheStoresMetersAreThere() {
        try (ServiceProcess service = new ServiceProcess("metrics-at-start", Map.of()).start()) {
            String first = scrape(service);
            for (String name : new String[] {"mcp_sessions_active", "mcp_sessions_expired", "mcp_sessions_cleanup_deleted_total",
                "mcp_sessions_cleanup_duration_seconds_count", "mcp_sessions_cleanup_failures_total",
                "mcp_sessions_cleanup_last_success", "mcp_db_batch_size_count"}) {
                assertTrue(first.contains(name), name + " missing from the first scrape");
            }
            Api.await("mcp_sessions_active counted", Duration.ofSeconds(30),
                    () -> ACTIVE_COUNTED.matcher(scrape(service)).find());
            Api.await("the LISTEN connection's client meters", Duration.ofSeconds(30),
                    () -> scrape(service).contains("postgresql_completed_total{clientName=\"listen\""));
            assertFalse(UNNAMED_SERIES.matcher(scrape(service)).find(), "a series of an unnamed client (m__*)");
        }
    }
}
