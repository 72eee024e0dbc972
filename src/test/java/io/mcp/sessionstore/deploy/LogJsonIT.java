package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.gateway.SessionCipher;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.JavaSdkUpstream;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * The packaged service in the prod profile writes JSON lines: an operator line keeps its wording in
 * {@code message} and carries the session's fingerprint, the serverId and the request's trace id in
 * {@code mdc}; the session id itself is in no line. Its upstream is the MCP Java SDK server, restarted
 * under a session so that the gateway logs the re-initialize. No OTLP endpoint: nothing sampled.
 */
class LogJsonIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "javasdk";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void reinitializeWhenLoggedInProdThenJsonLineWithWordingSessionFingerprintServerIdAndTraceId() throws Exception {
        try (JavaSdkUpstream upstream = new JavaSdkUpstream().start();
                ServiceProcess service = new ServiceProcess("log-json", Map.of(
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
                        "MCP_UPSTREAMS", "[{\"id\":\"" + ID + "\",\"transport\":\"streamable-http\",\"url\":\""
                                + upstream.url() + "\",\"timeout\":\"10s\"}]",
                        "MCP_GATEWAY_KEY", SessionCipher.newKey()))) {
            int logStart = service.log().length(); // the log file is appended to across runs
            service.start();
            String session = post(service, null, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                     "capabilities":{},"clientInfo":{"name":"log-json-it","version":"1"}}}""")
                    .headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(202, post(service, session, null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .statusCode());
            upstream.restart(); // the upstream forgets the session: the next call re-initializes it
            String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
            HttpResponse<String> call = post(service, session, "00-" + trace + "-00f067aa0ba902b7-01", """
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""");
            assertEquals(200, call.statusCode(), call.body());

            String fingerprint = LogSafe.fingerprint(session);
            String wording = "MCP gateway: upstream session of " + fingerprint + " on " + ID
                    + " was lost (upstream answered HTTP 404 for its session); re-initialized, generation 2";
            Api.await("the re-initialize's log line", Duration.ofSeconds(15),
                    () -> line(service, logStart, wording).isPresent());
            JsonNode line = line(service, logStart, wording).orElseThrow();
            assertEquals("INFO", line.path("level").asText(), line.toString());
            assertEquals(fingerprint, line.at("/mdc/sessionFingerprint").asText(), line.toString());
            assertEquals(ID, line.at("/mdc/serverId").asText(), line.toString());
            assertEquals(trace, line.at("/mdc/traceId").asText(), "the client's trace: " + line);
            assertEquals(16, line.at("/mdc/spanId").asText().length(), line.toString());
            assertEquals("false", line.at("/mdc/sampled").asText(), "no OTLP endpoint: nothing recorded");

            JsonNode started = line(service, logStart, "MCP gateway upstream " + ID + " (streamable-http) at /mcp/" + ID)
                    .orElseThrow();
            assertEquals(ID, started.at("/mdc/serverId").asText(), started.toString());
            String log = service.log().substring(logStart);
            assertFalse(log.contains(session), "the session id is in no line");
            List<String> notJson = new ArrayList<>();
            for (String each : log.lines().filter(text -> text.startsWith("{")).toList()) {
                try {
                    JSON.readTree(each);
                } catch (IOException e) {
                    notJson.add(each);
                }
            }
            assertTrue(notJson.isEmpty(), "every line of the service is one JSON object: " + notJson);
            assertTrue(log.lines().filter(text -> text.startsWith("{")).count() > 5, log);
        }
    }

    /** The first JSON line from {@code logStart} whose message starts with {@code wording}. */
    static Optional<JsonNode> line(ServiceProcess service, int logStart, String wording) {
        for (String text : service.log().substring(logStart).lines().toList()) {
            if (text.startsWith("{")) {
                try {
                    JsonNode line = JSON.readTree(text);
                    if (line.path("message").asText().startsWith(wording)) {
                        return Optional.of(line);
                    }
                } catch (IOException e) {
                    // a line still being written: read again on the next poll
                }
            }
        }
        return Optional.empty();
    }

    static HttpResponse<String> post(ServiceProcess service, String session, String traceparent, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUri() + "/mcp/" + ID))
                .header("Authorization", "Bearer " + ServiceProcess.KEY).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "2025-11-25")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
