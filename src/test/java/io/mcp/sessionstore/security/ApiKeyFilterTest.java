package io.mcp.sessionstore.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ApiKeyFilterTest {

    @Test
    void requestWhenNoKeyThenUnauthorizedWithBearerChallenge() {
        given().get("/sessions").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().post("/sessions").then().statusCode(401);
        given().delete("/sessions/anything").then().statusCode(401);
    }

    @Test
    void requestWhenWrongKeyThenUnauthorizedAndKeyNotEchoed() {
        given().header("Authorization", "Bearer not-a-key-of-ours").get("/sessions").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body(not(containsString("not-a-key-of-ours")));
    }

    @Test
    void requestWhenNotBearerSchemeThenUnauthorized() {
        given().header("Authorization", "Basic dGVzdDp0ZXN0").get("/sessions").then().statusCode(401);
        given().header("Authorization", Api.KEY).get("/sessions").then().statusCode(401);
    }

    @Test
    void requestWhenEitherConfiguredKeyThenAccepted() {
        given().header("Authorization", "Bearer " + Api.KEY).get("/sessions").then().statusCode(200);
        given().header("Authorization", "Bearer " + Api.ROTATED_KEY).get("/sessions").then().statusCode(200);
        given().header("Authorization", "bearer " + Api.ROTATED_KEY).get("/sessions").then().statusCode(200);
    }

    /** A key of MCP_CLIENT_KEYS opens the MCP endpoints and nothing else: no client reads another's sessions. */
    @Test
    void requestWhenClientKeyThenMcpOpenAndTheStoreForbidden() {
        String client = "Bearer test-client-key";
        given().header("Authorization", client).accept("application/json, text/event-stream")
                .contentType("application/json").body(io.mcp.sessionstore.mcp.McpTransportTest.INITIALIZE).post("/mcp")
                .then().statusCode(200);
        given().header("Authorization", client).get("/sessions").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("MCP_CLIENT_KEYS"));
        given().header("Authorization", client).delete("/sessions/anything").then().statusCode(403);
        given().header("Authorization", client).get("/session-health").then().statusCode(403);
        given().header("Authorization", client).get("/mcp/../sessions").then().statusCode(403);
    }

    @Test
    void healthWhenNoKeyThenOpenForProbes() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
