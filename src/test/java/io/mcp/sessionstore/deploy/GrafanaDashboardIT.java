package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.gateway.SessionCipher;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * Every metric the Grafana dashboard queries is in /q/metrics of the packaged service, in the prod
 * profile, after the traffic an operator's service sees: REST calls, MCP calls through the gateway to
 * a real server-everything, the cleanup meters (there from the start). A renamed meter or a misspelled query fails here.
 */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GrafanaDashboardIT {

    private static final Pattern SERIES = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"dashboard-it","version":"1"}}}""";

    @Test
    void dashboardWhenServiceServedTrafficThenEveryQueriedMetricIsScraped() throws Exception {
        Set<String> queried = GrafanaDashboard.read(GrafanaDashboard.FILE).metricNames();
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start();
                ServiceProcess service = new ServiceProcess("grafana-dashboard", Map.of(
                        "MCP_UPSTREAMS", "[{\"id\":\"everything\",\"transport\":\"streamable-http\",\"url\":\""
                                + upstream.url() + "\",\"timeout\":\"10s\"}]",
                        "MCP_GATEWAY_KEY", SessionCipher.newKey())).start();
                HttpClient http = HttpClient.newHttpClient()) {
            traffic(http, service.baseUri());
            String scrape = send(http, HttpRequest.newBuilder(URI.create(service.baseUri() + "/q/metrics")).GET()).body();
            Files.writeString(Path.of("target", "grafana-dashboard-scrape.txt"), scrape);
            Set<String> scraped = new TreeSet<>();
            Matcher series = SERIES.matcher(scrape);
            while (series.find()) {
                scraped.add(series.group(1));
            }
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(scraped);
            assertEquals(Set.of(), missing, "queried by deploy/grafana/mcp-session-store.json but not in /q/metrics "
                    + "(target/grafana-dashboard-scrape.txt has the scrape)");
            assertTrue(queried.size() >= 15, "the dashboard queries only " + queried);
        }
    }

    /** A session's life over REST and an MCP session through the gateway with one tool call. */
    private static void traffic(HttpClient http, String base) throws Exception {
        HttpResponse<String> created = send(http, rest(base, "/sessions").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = URI.create(location).getRawPath();
        assertEquals(200, send(http, rest(base, path).GET()).statusCode());
        assertEquals(200, send(http, rest(base, path + "/activity").POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode());
        HttpResponse<String> initialized = send(http, mcp(base, null).POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)));
        assertEquals(200, initialized.statusCode(), initialized.body());
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(202, send(http, mcp(base, session).POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))).statusCode());
        HttpResponse<String> echoed = send(http, mcp(base, session).POST(HttpRequest.BodyPublishers.ofString("""
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"dashboard"}}}""")));
        assertEquals(200, echoed.statusCode(), echoed.body());
    }

    private static HttpRequest.Builder rest(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ServiceProcess.KEY)
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.Builder mcp(String base, String session) {
        HttpRequest.Builder request = rest(base, "/mcp/everything").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25");
        return session == null ? request : request.header("Mcp-Session-Id", session);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
