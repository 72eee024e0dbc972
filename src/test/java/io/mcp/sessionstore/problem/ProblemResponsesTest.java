package io.mcp.sessionstore.problem;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** Every 4xx is an RFC 9457 problem naming what is wrong, never a stack trace or a class name. */
@QuarkusTest
class ProblemResponsesTest {

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("urn:mcp-session-store:problem:"))
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .body("detail", not(equalTo(null)))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")))
                .body(not(containsString("at io.")));
    }

    @Test
    void postWhenJsonMalformedThenBadRequest() {
        assertProblem(json().body("{\"serverId\":").post("/sessions").then(), 400)
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void postWhenUnknownPropertyThenBadRequestNamingIt() {
        assertProblem(json().body("{\"serverID\":\"x\"}").post("/sessions").then(), 400)
                .body("detail", containsString("'serverID'"))
                .body("errors[0].field", equalTo("serverID"));
    }

    @Test
    void postWhenReadOnlyPropertyThenBadRequestSayingSo() {
        assertProblem(json().body("{\"version\":3}").post("/sessions").then(), 400)
                .body("detail", containsString("read-only"));
    }

    /** PostgreSQL stores no U+0000 in text or jsonb: the caller's data, so a 400, not a 500. */
    @Test
    void writeWhenTextHoldsNulThenBadRequestAndNothingStored() {
        assertProblem(json().body("{\"serverId\":\"a\\u0000b\"}").post("/sessions").then(), 400)
                .body("type", equalTo("urn:mcp-session-store:problem:invalid-characters"));
        assertProblem(json().body("{\"attributes\":{\"k\":\"a\\u0000b\"}}").put(session("nul-attributes")).then(), 400);
        api().get(session("nul-attributes")).then().statusCode(404);
        String id = createSession("{}");
        assertProblem(json().body("{\"toolCall\":{\"name\":\"a\\u0000b\"}}").post(session(id) + "/activity").then(), 400);
        api().get(session(id)).then().statusCode(200).body("metrics.requests", equalTo(0));
    }

    @Test
    void postWhenWrongTypeThenBadRequestNamingField() {
        assertProblem(json().body("{\"ttlSeconds\":\"long\"}").post("/sessions").then(), 400)
                .body("errors[0].field", equalTo("ttlSeconds"));
        assertProblem(json().body("{\"attributes\":[1,2]}").post("/sessions").then(), 400)
                .body("errors[0].field", equalTo("attributes"));
    }

    @Test
    void postWhenTtlOutOfRangeThenBadRequestListingFields() {
        assertProblem(json().body("{\"ttlSeconds\":59}").post("/sessions").then(), 400)
                .body("errors[0].field", equalTo("ttlSeconds"));
        assertProblem(json().body("{\"ttlSeconds\":2592001}").post("/sessions").then(), 400);
        json().body("{\"ttlSeconds\":2592000}").post("/sessions").then().statusCode(201);
        json().body("{\"ttlSeconds\":60}").post("/sessions").then().statusCode(201);
    }

    @Test
    void postWhenWrongContentTypeThenUnsupportedMediaType() {
        assertProblem(api().contentType("text/plain").body("hello").post("/sessions").then(), 415);
    }

    @Test
    void postWhenBodyOver256KiBThenContentTooLarge() {
        String big = "{\"attributes\":{\"blob\":\"" + "a".repeat(300 * 1024) + "\"}}";
        assertProblem(json().body(big).post("/sessions").then(), 413);
    }

    @Test
    void postWhenChunkedBodyOver256KiBThenContentTooLarge() {
        byte[] big = ("{\"attributes\":{\"blob\":\"" + "a".repeat(300 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        // an InputStream body has no declared length: RestAssured sends it chunked
        assertProblem(json().body(new ByteArrayInputStream(big)).post("/sessions").then(), 413);
    }

    @Test
    void postWhenBodyJustUnder256KiBThenCreated() {
        String body = "{\"attributes\":{\"blob\":\"" + "a".repeat(250 * 1024) + "\"}}";
        json().body(body).post("/sessions").then().statusCode(201);
    }

    @Test
    void requestWhenRouteUnknownThenNotFoundProblem() {
        assertProblem(api().get("/no-such-route").then(), 404);
    }

    @Test
    void requestWhenMethodNotAllowedThenMethodNotAllowedProblem() {
        assertProblem(api().delete("/sessions").then(), 405);
    }

    @Test
    void requestWhenAcceptNotJsonThenNotAcceptableProblem() {
        String id = createSession("{}");
        assertProblem(api().accept("text/html").get(session(id)).then(), 406);
    }

    /** Sent byte for byte: an HTTP client library would refuse to send these targets, or escape them. */
    private static RawHttp.Answer raw(String target) {
        return RawHttp.send(RestAssured.port, "GET", target, Map.of("Authorization", "Bearer " + Api.KEY), null);
    }

    private static JsonNode body(RawHttp.Answer answer) throws Exception {
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    void requestWhenTargetHasMalformedEscapeThenBadRequestProblemNotEchoingIt() throws Exception {
        for (String target : new String[] {"/sessions/%ZZ", "/sessions?limit=%", "/q/health/%ZZ", "/sessions/a%2"}) {
            RawHttp.Answer answer = raw(target);
            assertEquals(400, answer.status(), target);
            assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), target);
            JsonNode problem = body(answer);
            assertEquals("urn:mcp-session-store:problem:invalid-request-target", problem.path("type").asText(), target);
            assertEquals(400, problem.path("status").asInt(), target);
            assertTrue(problem.path("detail").asText().contains("Malformed escape pair"), answer.body());
            assertFalse(answer.body().contains("%"), () -> "the target echoed: " + answer.body());
            assertFalse(answer.body().contains("null"), () -> "empty members written: " + answer.body());
        }
    }

    @Test
    void mcpWhenTargetHasMalformedEscapeThenJsonRpcInvalidRequest() throws Exception {
        RawHttp.Answer answer = raw("/mcp?x=%ZZ");
        assertEquals(400, answer.status());
        JsonNode error = body(answer).path("error");
        assertEquals(-32600, error.path("code").asInt(), answer.body());
        assertTrue(error.path("message").asText().contains("not a valid URI"), answer.body());
    }

    @Test
    void getWhenIdOf10000CharactersThenInvalidIdProblem() throws Exception {
        RawHttp.Answer answer = raw("/sessions/" + "x".repeat(10_000));
        assertEquals(400, answer.status(), answer.body());
        assertEquals("urn:mcp-session-store:problem:invalid-session-id", body(answer).path("type").asText(), answer.body());
    }

    /** Past the request line's limit the HTTP decoder answers, before any code of the service: status only. */
    @Test
    void getWhenRequestLineOver16KiBThenBareUriTooLong() {
        RawHttp.Answer answer = raw("/sessions/" + "x".repeat(16_384));
        assertEquals(414, answer.status());
        assertEquals("", answer.body());
    }
}
