package io.mcp.sessionstore.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The transport rules of /mcp, each status code with its cause. */
@QuarkusTest
public class McpTransportTest {

    public static final String ACCEPT_BOTH = "application/json, text/event-stream";
    public static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"transport-test","version":"1"}}}""";

    public static RequestSpecification mcp(String key) {
        return given().header("Authorization", "Bearer " + key).accept(ACCEPT_BOTH).contentType("application/json");
    }

    public static String initialize(String key) {
        String id = mcp(key).body(INITIALIZE).post("/mcp").then().statusCode(200)
                .contentType(containsString("text/event-stream"))
                .header("Mcp-Session-Id", matchesPattern("[\\x21-\\x7E]{32,}"))
                .extract().header("Mcp-Session-Id");
        mcp(key).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp").then().statusCode(202).body(emptyString());
        return id;
    }

    /** The (id, data) pairs of an SSE body. */
    public static List<String[]> events(String sse) {
        List<String[]> events = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String id = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            if (id != null) {
                events.add(new String[] {id, data});
            }
        }
        return events;
    }

    @Test
    void initializeWhenPostedThenSessionIdAndPrimedStreamWithRetry() {
        String sse = mcp(Api.KEY).body(INITIALIZE).post("/mcp").then().statusCode(200).extract().asString();
        List<String[]> events = events(sse);
        assertEquals(2, events.size(), sse);
        assertEquals("", events.get(0)[1], "a priming event: an id and empty data");
        assertTrue(sse.contains("retry: "), sse);
        assertTrue(events.get(1)[1].contains("\"protocolVersion\":\"2025-11-25\""), sse);
    }

    @Test
    void requestWhenNoSessionHeaderThenBadRequest() {
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32600));
    }

    @Test
    void requestWhenSessionUnknownOrDeletedThenNotFound() {
        mcp(Api.KEY).header("Mcp-Session-Id", "no-such-session").body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(404);
        String id = initialize(Api.KEY);
        given().header("Authorization", "Bearer " + Api.KEY).header("Mcp-Session-Id", id).delete("/mcp").then()
                .statusCode(204);
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(404);
    }

    @Test
    void requestWhenAnotherKeysSessionThenNotFound() {
        String id = initialize(Api.KEY);
        mcp(Api.ROTATED_KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(404);
        given().header("Authorization", "Bearer " + Api.ROTATED_KEY).header("Mcp-Session-Id", id).delete("/mcp")
                .then().statusCode(404);
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(200);
    }

    @Test
    void requestWhenProtocolVersionUnsupportedThenBadRequestListingTheSupportedOnes() {
        String id = initialize(Api.KEY);
        mcp(Api.KEY).header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "1999-01-01")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32022)).body("error.data.requested", equalTo("1999-01-01"))
                .body("error.data.supported", hasItems("2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"));
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(200); // absent: 2025-03-26 assumed
    }

    @Test
    void requestWhenMalformedThenJsonRpcErrors() {
        mcp(Api.KEY).body("{not json").post("/mcp").then().statusCode(400).body("error.code", equalTo(-32700));
        mcp(Api.KEY).body("{\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32600));
        String id = initialize(Api.KEY);
        String sse = mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"nope\"}")
                .post("/mcp").then().statusCode(200).extract().asString();
        assertTrue(sse.contains("-32601"), sse);
        sse = mcp(Api.KEY).header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}")
                .post("/mcp").then().statusCode(200).extract().asString();
        assertTrue(sse.contains("-32602"), sse);
    }

    @Test
    void initializeWhenClientInfoOrCapabilitiesHoldNulThenInvalidParamsNotA500() {
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"clientInfo\":{\"name\":\"a\\u0000b\"}}}").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32602)).body("id", equalTo(1)).header("Mcp-Session-Id", (String) null);
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{\"x\\u0000\":{}}}}").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32602));
    }

    @Test
    void batchWhen2025_03_26ThenEveryResponseOnOneStreamAndRefusedLater() {
        String id = initialize(Api.KEY);
        String sse = mcp(Api.KEY).header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "2025-03-26")
                .body("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"tools/list\"}]")
                .post("/mcp").then().statusCode(200).extract().asString();
        List<String[]> events = events(sse);
        assertTrue(events.stream().anyMatch(e -> e[1] != null && e[1].contains("\"id\":\"a\"")), sse);
        assertTrue(events.stream().anyMatch(e -> e[1] != null && e[1].contains("\"id\":\"b\"")), sse);
        mcp(Api.KEY).header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "2025-03-26")
                .body("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}]")
                .post("/mcp").then().statusCode(202);
        mcp(Api.KEY).header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "2025-06-18")
                .body("[{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"ping\"}]")
                .post("/mcp").then().statusCode(400);
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("[]").post("/mcp").then().statusCode(400);
    }

    @Test
    void requestWhenAcceptOrContentTypeWrongThen406Or415() {
        given().header("Authorization", "Bearer " + Api.KEY).accept("application/json").contentType("application/json")
                .body(INITIALIZE).post("/mcp").then().statusCode(406);
        given().header("Authorization", "Bearer " + Api.KEY).accept(ACCEPT_BOTH).contentType("text/plain")
                .body(INITIALIZE).post("/mcp").then().statusCode(415);
        String id = initialize(Api.KEY);
        given().header("Authorization", "Bearer " + Api.KEY).accept("application/json").header("Mcp-Session-Id", id)
                .get("/mcp").then().statusCode(406);
    }

    @Test
    void requestWhenOriginNotAllowedThenForbiddenAndWithoutOriginAllowed() {
        mcp(Api.KEY).header("Origin", "https://evil.example").body(INITIALIZE).post("/mcp").then().statusCode(403);
        mcp(Api.KEY).body(INITIALIZE).post("/mcp").then().statusCode(200);
    }

    /** The official conformance scenario dns-rebinding-protection, both ways. */
    @Test
    void requestWhenHostAndOriginLoopbackThenAcceptedAndWhenReboundNameThenForbidden() {
        int port = io.restassured.RestAssured.port;
        mcp(Api.KEY).header("Host", "127.0.0.1:" + port).header("Origin", "http://127.0.0.1:" + port)
                .body(INITIALIZE).post("/mcp").then().statusCode(200);
        mcp(Api.KEY).header("Host", "localhost:" + port).header("Origin", "http://localhost:" + port)
                .body(INITIALIZE).post("/mcp").then().statusCode(200);
        mcp(Api.KEY).header("Host", "evil.example.com").header("Origin", "http://evil.example.com")
                .body(INITIALIZE).post("/mcp").then().statusCode(403).body("error.code", equalTo(-32600));
        mcp(Api.KEY).header("Host", "evil.example.com:" + port).body(INITIALIZE).post("/mcp").then().statusCode(403)
                .body("error.message", containsString("Host"));
        String id = initialize(Api.KEY);
        given().header("Authorization", "Bearer " + Api.KEY).header("Host", "evil.example.com")
                .accept("text/event-stream").header("Mcp-Session-Id", id).get("/mcp").then().statusCode(403);
    }

    @Test
    void initializeWhenParamsMissingOrNotObjectsThenInvalidParamsNever500() {
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}").post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32602)).body("id", equalTo(1));
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":[1]}").post("/mcp")
                .then().statusCode(400).body("error.code", equalTo(-32602));
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{\"protocolVersion\":7}}")
                .post("/mcp").then().statusCode(400).body("error.code", equalTo(-32602));
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":\"me\"}}").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32602)).body("error.message", containsString("clientInfo"));
        mcp(Api.KEY).body("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32600));
        mcp(Api.KEY).body("[" + "[".repeat(5000) + "]".repeat(5000) + "]").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32700));
    }

    @Test
    void requestWhenNoKeyThenUnauthorized() {
        given().accept(ACCEPT_BOTH).contentType("application/json").body(INITIALIZE).post("/mcp").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void notificationAndResponseFromClientThenAcceptedAndCountedAsActivity() {
        String id = initialize(Api.KEY);
        mcp(Api.KEY).header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}")
                .post("/mcp").then().statusCode(202).body(emptyString());
        mcp(Api.KEY).header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}")
                .post("/mcp").then().statusCode(202);
        Api.api().get(Api.session(id)).then().statusCode(200).body("initialized", equalTo(true))
                .body("metrics.requests", equalTo(4));
    }

    @Test
    void streamWhenCutThenResumedWithLastEventIdYieldsExactlyTheMissingEvents() {
        String id = initialize(Api.KEY);
        String sse = mcp(Api.KEY).header("Mcp-Session-Id", id).body("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call",
                 "params":{"name":"session_health_check","arguments":{},"_meta":{"progressToken":"p-7"}}}""")
                .post("/mcp").then().statusCode(200).extract().asString();
        List<String[]> all = events(sse);
        assertEquals(7, all.size(), "priming, five progress notifications, the result: " + sse);
        assertTrue(all.get(1)[1].contains("notifications/progress") && all.get(1)[1].contains("p-7"), sse);
        assertTrue(all.get(6)[1].contains("\"id\":7"), sse);

        // the client saw the first two events, then lost the connection
        Response resumed = given().header("Authorization", "Bearer " + Api.KEY).accept("text/event-stream")
                .header("Mcp-Session-Id", id).header("Last-Event-ID", all.get(1)[0]).get("/mcp");
        resumed.then().statusCode(200).contentType(containsString("text/event-stream"));
        List<String[]> replayed = events(resumed.asString());
        assertEquals(all.subList(2, 7).stream().map(e -> e[0] + " " + e[1]).toList(),
                replayed.stream().map(e -> e[0] + " " + e[1]).toList());
    }

    @Test
    void getWhenNoLastEventIdThenPrimedStreamAndUnknownEventIdRefused() {
        String id = initialize(Api.KEY);
        String sse = given().header("Authorization", "Bearer " + Api.KEY).accept("text/event-stream")
                .header("Mcp-Session-Id", id).get("/mcp").then().statusCode(200).extract().asString();
        assertEquals(1, events(sse).size(), sse);
        given().header("Authorization", "Bearer " + Api.KEY).accept("text/event-stream").header("Mcp-Session-Id", id)
                .header("Last-Event-ID", "999.eA").get("/mcp").then().statusCode(400);
    }

    static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}";

    static RequestSpecification modern(String method) {
        return mcp(Api.KEY).header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
    }

    @Test
    void statelessProtocolWhenDeclaredThenServedWithoutSessionAndGetDelete405() {
        modern("tools/list").header("Mcp-Session-Id", "ignored-in-2026-07-28")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + MODERN_META + "}}")
                .post("/mcp").then().statusCode(200).contentType(containsString("application/json"))
                .header("Mcp-Session-Id", (String) null)
                .body("result.tools.size()", equalTo(2)).body("result.resultType", equalTo("complete"))
                .body("result.ttlMs", greaterThan(0)).body("result.cacheScope", equalTo("private"))
                .body("result._meta.'io.modelcontextprotocol/serverInfo'.name", equalTo("mcp-session-store"));
        modern("server/discover")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"server/discover\",\"params\":{" + MODERN_META + "}}")
                .post("/mcp").then().statusCode(200).body("result.supportedVersions", hasItem("2026-07-28"));
        modern("tools/call").header("Mcp-Name", "session_health_check")
                .body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"session_health_check\","
                        + MODERN_META + "}}")
                .post("/mcp").then().statusCode(200).body("result.structuredContent.database", equalTo("connected"));
        modern("ping").body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":{" + MODERN_META + "}}")
                .post("/mcp").then().statusCode(404).body("error.code", equalTo(-32601));
        given().header("Authorization", "Bearer " + Api.KEY).header("MCP-Protocol-Version", "2026-07-28")
                .accept("text/event-stream").get("/mcp").then().statusCode(405);
        given().header("Authorization", "Bearer " + Api.KEY).header("MCP-Protocol-Version", "2026-07-28")
                .delete("/mcp").then().statusCode(405);
    }

    @Test
    void statelessProtocolWhenHeadersMissingOrDisagreeWithBodyThenHeaderMismatch() {
        String toolsList = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + MODERN_META + "}}";
        mcp(Api.KEY).header("MCP-Protocol-Version", "2026-07-28").body(toolsList).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Method"));
        modern("tools/call").body(toolsList).post("/mcp").then().statusCode(400).body("error.code", equalTo(-32020));
        modern("tools/list").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + "{\"io.modelcontextprotocol/protocolVersion\":\"2025-11-25\"}}}").post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32020));
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"session_info\","
                + MODERN_META + "}}";
        modern("tools/call").body(call).post("/mcp").then().statusCode(400).body("error.code", equalTo(-32020))
                .body("error.message", containsString("Mcp-Name"));
        modern("tools/call").header("Mcp-Name", "session_health_check").body(call).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32020));
        modern("tools/call").header("Mcp-Name", "=?base64?" + java.util.Base64.getEncoder()
                .encodeToString("session_info".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=")
                .body(call).post("/mcp").then().statusCode(200).body("result.resultType", equalTo("complete"));
        mcp(Api.KEY).header("MCP-Protocol-Version", "2027-01-01").body(toolsList).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32022)).body("error.data.supported", hasItem("2026-07-28"));
    }
}
