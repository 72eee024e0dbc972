package io.mcp.sessionstore.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.cleanup.SessionCleanupService;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The status page in a real headless Chromium: an upstream that answers is marked up and one that
 * cannot be reached down (in the DOM and in the screenshot's pixels), a session's tool calls are
 * listed, and a hostile serverId is shown as text and runs nothing. Screenshots go to
 * target/ui-screenshots, or to {@code -Dui.screenshots=docs/ui} for the committed ones.
 */
@QuarkusTest
@WithTestResource(StatusPageUpstreams.class)
@EnabledIf("io.mcp.sessionstore.ui.StatusPageBrowser#installedOrCi")
class StatusPageTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"status-page-test","version":"1"}}}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionCleanupService cleanup;

    @Test
    void upstreamsUpAndDownSessionToolCallsAndAHostileServerIdAsText() throws IOException {
        String session = gatewaySessionWithAToolCall();
        mcp(null).body(INITIALIZE).post("/mcp/offline").then().statusCode(503);
        Api.json().body("{\"serverId\":\"" + HOSTILE.replace("\"", "\\\"")
                + "\",\"clientInfo\":{\"name\":\"<script>alert(2)</script>\",\"version\":\"1\"}}")
                .post("/sessions").then().statusCode(201);
        for (int expired : new int[] { 3, 7, 2 }) { // three passes for the chart, each with sessions to delete
            for (int i = 0; i < expired; i++) {
                PostgresTestResource.database().update("""
                        UPDATE sessions SET expires_at = now() - interval '1 second',
                            cleanup_due_at = now() - interval '1 second' WHERE id = ?""", Api.createSession("{}"));
            }
            assertTrue(cleanup.runPass("status-page-test").await().atMost(Duration.ofSeconds(30)).deleted() >= expired);
        }

        Path screenshots = Path.of(System.getProperty("ui.screenshots", "target/ui-screenshots"));
        JsonNode found = StatusPageBrowser.run(List.of(base.toString().replaceAll("/$", ""), Api.KEY,
                screenshots.toAbsolutePath().toString(), session, HOSTILE));

        assertEquals("up", state(found, "everything"), found.toString());
        assertEquals("down", state(found, "offline"), found.toString());
        assertEquals("healthy", found.path("status").asText());
        assertEquals("connected", found.path("database").asText());
        assertTrue(found.path("cleanupBars").asInt() >= 3, found.toString());
        assertTrue(Pixels.share(screenshots.resolve("badge-up.png"), Pixels::green) > 0.3, "the up badge is not green");
        assertTrue(Pixels.share(screenshots.resolve("badge-down.png"), Pixels::red) > 0.3, "the down badge is not red");

        assertTrue(found.path("detailTitle").asText().contains(session), found.toString());
        assertEquals("echo", found.path("toolCalls").path(0).path(0).asText(), found.toString());
        assertTrue(found.path("toolCalls").path(0).path(1).asText().matches("\\d+"), "no duration: " + found);
        assertTrue(found.path("detailUpstream").asText().contains("Upstream generation1"), found.toString());
        assertTrue(found.path("events").path(0).path(0).asText().matches("[0-9a-z]+.*"), found.toString());

        List<String> cells = new ArrayList<>();
        found.path("hostileCells").forEach(cell -> cells.add(cell.asText()));
        assertTrue(cells.contains(HOSTILE), cells.toString());
        assertTrue(cells.contains("<script>alert(2)</script> 1"), cells.toString());
        assertTrue(found.path("hostileDetail").asText().contains(HOSTILE), found.toString());
        assertEquals(0, found.path("images").asInt(), "an <img> element was made from session data");
        assertEquals(0, found.path("dialogs").size(), "a script from session data ran: " + found.path("dialogs"));
        assertEquals("[\"status.js\"]", found.path("scripts").toString());
        assertEquals(0, found.path("consoleErrors").size(), found.path("consoleErrors").toString());

        found.path("urls").forEach(url -> assertFalse(url.asText().contains(Api.KEY), "the API key in a URL: " + url));
        assertEquals("[\"mcp-session-store.api-key\"]", found.path("storage").path("session").toString());
        assertEquals("[]", found.path("storage").path("local").toString());
        for (String name : List.of("status-upstreams.png", "session-detail.png", "hostile-server-id.png")) {
            assertTrue(Files.size(screenshots.resolve(name)) > 10_000, name + " is missing or empty");
        }
    }

    @Test
    void pageWithoutKeyAndNoInlineOrForeignCode() {
        given().redirects().follow(false).get("/ui").then().statusCode(302).header("Location", endsWith("/ui/"));
        given().get("/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("<script src=\"status.js\" defer></script>"));
        given().get("/ui/status.js").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/session-health").then().statusCode(401); // the data it shows needs the key
    }

    private static String state(JsonNode found, String upstream) {
        for (JsonNode row : found.path("upstreams")) {
            if (upstream.equals(row.path("id").asText())) {
                return row.path("state").asText();
            }
        }
        return "no row for " + upstream;
    }

    /** A gateway session on server-everything that called its echo tool once. */
    private static String gatewaySessionWithAToolCall() {
        String id = mcp(null).body(INITIALIZE).post("/mcp/everything").then().statusCode(200).extract()
                .header("Mcp-Session-Id");
        mcp(id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post("/mcp/everything").then()
                .statusCode(202);
        mcp(id).body("""
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"status page"}}}""")
                .post("/mcp/everything").then().statusCode(200);
        return id;
    }

    private static RequestSpecification mcp(String session) {
        RequestSpecification request = given().header("Authorization", "Bearer " + Api.KEY)
                .accept("application/json, text/event-stream").contentType("application/json")
                .header("MCP-Protocol-Version", "2025-11-25");
        return session == null ? request : request.header("Mcp-Session-Id", session);
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }
}
