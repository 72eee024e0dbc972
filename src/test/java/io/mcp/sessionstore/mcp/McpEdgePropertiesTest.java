package io.mcp.sessionstore.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.mcp.McpAttempts.Attempt;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.JsonRpcParser;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.PropertyCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * /mcp on generated POSTs (bodies from the parser properties, initialize with params of every
 * shape, bodies at the 256 KiB limit, hostile headers): never a 5xx, every 4xx a JSON-RPC error
 * without Java internals, and nothing stored for what was refused. Fixed seeds ({@code -Dpbt.seed}
 * overrides them); a failure prints the seed and the POST.
 */
@QuarkusTest
class McpEdgePropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an error body must not show: exception names, Java packages, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|java\\.|javax\\.|jakarta\\.|io\\.mcp\\.|io\\.vertx|io\\.quarkus|com\\.fasterxml|\\bat [\\w$.]+\\(");

    /** Statuses a request can get before McpTransport runs, as a problem rather than a JSON-RPC error. */
    private static final java.util.Set<Integer> REFUSED_BEFORE_THE_TRANSPORT = java.util.Set.of(406, 413, 415);

    @Test
    void postWithoutSessionWhenGeneratedThenNo5xxAndOnlyAcceptedInitializeCreatesASession() {
        long started = now();
        AtomicInteger created = new AtomicInteger();
        PropertyCheck.forAll("POST /mcp without a session", 300, 20261205L, McpAttempts.withoutSession(),
                Attempt::toString, attempt -> {
                    Response response = post(attempt);
                    String body = checked(response);
                    if (response.header("Mcp-Session-Id") != null) {
                        assertEquals(200, response.statusCode(), body);
                        created.incrementAndGet();
                    }
                    return String.valueOf(response.statusCode());
                });
        assertTrue(created.get() > 0, "some initialize attempts must succeed, or the count proves nothing");
        assertEquals(created.get(), sessionsCreatedSince(started),
                "sessions created: exactly one per initialize answered with Mcp-Session-Id");
    }

    /**
     * A session's requests counter counts each message of each POST the transport accepted (2xx):
     * requests answered with a JSON-RPC error (unknown method, bad tool params) too, since the
     * session did get them; nothing of a refused POST (4xx), of a stateless (2026-07-28) POST, or
     * of an initialize, which starts a new session instead.
     */
    @Test
    void postInSessionWhenGeneratedThenNo5xxAndRequestsCountsOnlyAcceptedMessages() {
        String sessionId = McpTransportTest.initialize(Api.KEY);
        long before = requests(sessionId);
        long started = now();
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        JsonRpcParser parser = new JsonRpcParser(JSON);
        PropertyCheck.forAll("POST /mcp in a session", 300, 20261206L, McpAttempts.inSession(sessionId),
                Attempt::toString, attempt -> {
                    Response response = post(attempt);
                    String body = checked(response);
                    if (response.header("Mcp-Session-Id") != null) {
                        created.incrementAndGet();
                    } else if (response.statusCode() < 300 && !"2026-07-28".equals(trimmed(attempt.headers()
                            .get("MCP-Protocol-Version")))) {
                        try {
                            counted.addAndGet(parser.parse(attempt.body()).messages().size());
                        } catch (JsonRpcException refused) {
                            throw new AssertionError("accepted with " + response.statusCode() + " what the parser refuses: "
                                    + body, refused);
                        }
                    }
                    return String.valueOf(response.statusCode());
                });
        assertTrue(counted.get() > 0, "some messages must be accepted, or the counter proves nothing");
        assertEquals(before + counted.get(), requests(sessionId), "requests: only the messages of accepted POSTs");
        assertEquals(created.get(), sessionsCreatedSince(started), "sessions created by initialize");
    }

    private static Response post(Attempt attempt) {
        RequestSpecification request = given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", "Bearer " + Api.KEY);
        attempt.headers().forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return request.body(attempt.body().getBytes(StandardCharsets.UTF_8)).post("/mcp");
    }

    /** The response's body, after the checks every response must pass. */
    private static String checked(Response response) {
        int status = response.statusCode();
        String body = response.asString();
        assertTrue(status < 500, () -> "a " + status + ": " + PropertyCheck.describe(body));
        assertFalse(INTERNALS.matcher(body).find(), () -> "Java internals in " + PropertyCheck.describe(body));
        if (status == 431) {
            return body; // Vert.x: the headers together pass quarkus.http.limits.max-header-size (20K); no app code ran
        }
        if (status >= 400) {
            JsonNode error;
            try {
                error = JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("a " + status + " without a JSON body: " + PropertyCheck.describe(body), e);
            }
            if (REFUSED_BEFORE_THE_TRANSPORT.contains(status) && error.has("type")) {
                // left as found: RequestBodyFilter (413) and RESTEasy, on an Accept (406) or Content-Type (415) that is no media type, answer with the
                // service's RFC 9457 problem before /mcp sees the request; the MCP spec allows any body for an HTTP error
                assertTrue(error.path("type").asText().startsWith("urn:mcp-session-store:problem:"), body);
                assertEquals(status, error.path("status").asInt(), body);
                return body;
            }
            assertEquals("2.0", error.path("jsonrpc").asText(), () -> "a " + status + " not JSON-RPC: " + PropertyCheck.describe(body));
            assertTrue(error.path("error").path("code").isInt(), () -> "no integer error.code: " + body);
            assertTrue(error.path("error").path("message").isTextual(), () -> "no error.message: " + body);
        }
        return body;
    }

    private static long requests(String sessionId) {
        return PostgresTestResource.database().queryLong("SELECT requests FROM sessions WHERE id = ?", sessionId);
    }

    /** The database's clock, in microseconds since the epoch. */
    private static long now() {
        return PostgresTestResource.database().queryLong("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
    }

    private static long sessionsCreatedSince(long micros) {
        return PostgresTestResource.database().queryLong(
                "SELECT count(*) FROM sessions WHERE created_at >= to_timestamp(CAST(? AS bigint) / 1000000.0)", micros);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
