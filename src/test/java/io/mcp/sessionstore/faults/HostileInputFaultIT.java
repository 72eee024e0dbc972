package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.mcp.transport.HostileBodies;
import io.mcp.sessionstore.testing.PropertyCheck;
import io.mcp.sessionstore.testing.RawHttp;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * Generated hostile input against the packaged service, the REST API and /mcp: never a 5xx, never
 * a stack trace or a class name in a body, every refusal an RFC 9457 problem (REST) or a JSON-RPC
 * error with a standard code (MCP) that names the problem, and the database unchanged by every
 * refused request (its rows compared before and after each). Fixed seeds ({@code -Dpbt.seed}
 * overrides them); the cases run are counted in docs/reliability.md.
 */
class HostileInputFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a body must not show: exception names, Java packages, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|java\\.|javax\\.|jakarta\\.|io\\.mcp\\.|io\\.vertx|io\\.quarkus|com\\.fasterxml|\\bat [\\w$.]+\\(");
    /** JSON-RPC's own error codes, and MCP's resource-not-found: what a refusal on /mcp may carry. */
    private static final Set<Integer> STANDARD_CODES = Set.of(-32700, -32600, -32601, -32602, -32002);
    private static final int REST_TRIES = 1500;
    private static final int MCP_TRIES = 800;

    @Test
    void hostileRequestsWhenGeneratedThenNo5xxNoInternalsANamedRefusalAndTheDatabaseUnchanged() throws IOException {
        String apiKey = FaultDatabase.randomSecret();
        try (FaultDatabase database = new FaultDatabase();
                ServiceProcess service = Faults.service("faults-hostile", Map.of("DATABASE_URL", database.databaseUrl(),
                        "MCP_API_KEYS", apiKey)).start()) {
            int port = service.port();
            String live = "live-1";
            assertEquals(201, RawHttp.send(port, "PUT", "/sessions/" + live, Map.of("Authorization", "Bearer " + apiKey,
                    "Content-Type", "application/json"), "{\"serverId\":\"hostile\"}".getBytes(StandardCharsets.UTF_8)).status());
            Map<String, Integer> restStatuses = new TreeMap<>();
            long[] refusedChecked = new long[2];
            PropertyCheck.forAll("REST API, hostile requests", REST_TRIES, 20261201L, RestAttempts.any(live, apiKey),
                    RestAttempts.Attempt::toString, attempt -> {
                        String before = fingerprint(database);
                        RawHttp.Answer answer = RawHttp.send(port, attempt.method(), attempt.target(), attempt.headers(),
                                attempt.body());
                        checkRest(attempt.method(), answer);
                        if (answer.status() >= 400) {
                            assertEquals(before, fingerprint(database), "a refused request changed the database");
                            refusedChecked[0]++;
                        }
                        restStatuses.merge(answer.status() + (refusedByTheHttpDecoder(answer) ? " (HTTP decoder)" : ""), 1,
                                Integer::sum);
                        return null;
                    });

            String session = initialize(port, apiKey);
            Map<String, Integer> mcpStatuses = new TreeMap<>();
            PropertyCheck.forAll("POST /mcp in a session, hostile bodies", MCP_TRIES, 20261202L, HostileBodies.any(),
                    PropertyCheck::describe, body -> {
                        String before = fingerprint(database);
                        Map<String, String> headers = new LinkedHashMap<>(mcpHeaders(apiKey));
                        headers.put("Mcp-Session-Id", session);
                        RawHttp.Answer answer = RawHttp.send(port, "POST", "/mcp", headers, body.getBytes(StandardCharsets.UTF_8));
                        checkMcp(answer);
                        if (answer.status() >= 400) {
                            assertEquals(before, fingerprint(database), "a refused message changed the database");
                            refusedChecked[1]++;
                        }
                        mcpStatuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
                        return null;
                    });
            long secrets = Faults.secretsIn(service.log(), List.of(apiKey, database.password()));
            new FaultSection("60-hostile-input", "Hostile input, generated", """
                    Generated requests, fixed seeds: to the REST API every route and method with ids and
                    query values at and past every boundary (empty, 20,000 characters, malformed and raw
                    percent-escapes, U+0000, dot segments, other scripts), bodies that are no JSON or JSON of
                    the wrong shape, numbers out of range, nesting 3,000 deep, bodies past the size limit,
                    Latin-1 and random bytes, odd media types and garbage conditional headers, sometimes a
                    wrong key; to /mcp, in a session, bodies that are almost JSON-RPC (truncated, mutated,
                    5,000 deep, 3,000-digit numbers, lone surrogates). Sent as raw bytes on a socket. Every
                    answer: below 500, no Java internals, a refusal that names its problem (REST: RFC 9457
                    `application/problem+json` with type, title, status and detail; /mcp: a JSON-RPC error
                    with a standard code), and for each refusal the database's rows compared before and
                    after.""")
                    .row("REST requests tried", REST_TRIES)
                    .row("REST statuses", restStatuses)
                    .row("/mcp messages tried", MCP_TRIES)
                    .row("/mcp statuses", mcpStatuses)
                    .row("5xx seen", 0)
                    .row("bodies with a stack trace or class name", 0)
                    .row("refusals checked against the database / that changed it", (refusedChecked[0] + refusedChecked[1]) + " / 0")
                    .row("API key and database password found in the service's log", secrets)
                    .write();
            assertEquals(0L, secrets);
        }
    }

    /**
     * Refused by Vert.x's HTTP decoder before any code of the service runs (a request line over
     * 16,384 bytes, headers over their limit, a request line that is no HTTP): the status alone, no
     * body, nothing read or stored. A target that is no URI is the service's own 400 with a body
     * (RequestTargetCheck).
     */
    private static boolean refusedByTheHttpDecoder(RawHttp.Answer answer) {
        return (answer.status() == 414 || answer.status() == 431 || answer.status() == 400) && answer.body().isEmpty()
                && answer.header("Content-Type") == null;
    }

    private static void checkRest(String method, RawHttp.Answer answer) {
        int status = answer.status();
        assertTrue(status < 500, () -> "a " + status + ": " + PropertyCheck.describe(answer.body()));
        assertFalse(INTERNALS.matcher(answer.body()).find(), () -> "Java internals in " + PropertyCheck.describe(answer.body()));
        if (status < 400 || method.equals("HEAD") || refusedByTheHttpDecoder(answer)) {
            return;
        }
        String type = String.valueOf(answer.header("Content-Type"));
        assertTrue(type.startsWith("application/problem+json"), () -> "a " + status + " as " + type + ": "
                + PropertyCheck.describe(answer.body()));
        JsonNode problem = json(answer);
        assertTrue(problem.path("type").asText().startsWith("urn:mcp-session-store:problem:"), answer.body());
        assertEquals(status, problem.path("status").asInt(), answer.body());
        assertFalse(problem.path("title").asText().isBlank(), answer.body());
        assertFalse(problem.path("detail").asText().isBlank(), () -> "no detail naming the problem: " + answer.body());
    }

    private static void checkMcp(RawHttp.Answer answer) {
        int status = answer.status();
        assertTrue(status < 500, () -> "a " + status + ": " + PropertyCheck.describe(answer.body()));
        assertFalse(INTERNALS.matcher(answer.body()).find(), () -> "Java internals in " + PropertyCheck.describe(answer.body()));
        if (status < 400) {
            return;
        }
        JsonNode error = json(answer);
        if (error.has("type")) { // a problem from before the transport (413 size, 415 media type): RFC 9457
            assertTrue(error.path("type").asText().startsWith("urn:mcp-session-store:problem:"), answer.body());
            return;
        }
        assertEquals("2.0", error.path("jsonrpc").asText(), answer.body());
        assertTrue(STANDARD_CODES.contains(error.path("error").path("code").asInt()), () -> "not a standard code: " + answer.body());
        assertFalse(error.path("error").path("message").asText().isBlank(), answer.body());
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("a " + answer.status() + " without a JSON body: " + PropertyCheck.describe(answer.body()), e);
        }
    }

    private static Map<String, String> mcpHeaders(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", "MCP-Protocol-Version", "2025-11-25");
    }

    private static String initialize(int port, String apiKey) {
        RawHttp.Answer answer = RawHttp.send(port, "POST", "/mcp", mcpHeaders(apiKey), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"hostile","version":"1"}}}""".getBytes(StandardCharsets.UTF_8));
        String session = answer.header("Mcp-Session-Id");
        assertNotNull(session, answer.toString());
        Map<String, String> headers = new LinkedHashMap<>(mcpHeaders(apiKey));
        headers.put("Mcp-Session-Id", session);
        assertEquals(202, RawHttp.send(port, "POST", "/mcp", headers,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8)).status());
        return session;
    }

    /** Every row of the store's two tables, as one digest. */
    private static String fingerprint(FaultDatabase database) {
        return database.queryString("""
                SELECT md5(coalesce((SELECT string_agg(s::text, '|' ORDER BY s.id) FROM sessions s), '')
                    || coalesce((SELECT string_agg(e::text, '|' ORDER BY e.session_id, e.seq) FROM session_events e), ''))""");
    }
}
