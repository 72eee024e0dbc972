package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionActivityTest {

    @Test
    void activityWhenNoBodyThenOneRequestAndExpirySlides() {
        String id = createSession("{\"ttlSeconds\":600}");
        Instant createdExpiry = Instant.parse(api().get(session(id)).path("expiresAt"));
        String expiresAt = api().post(session(id) + "/activity").then().statusCode(200)
                .body("id", equalTo(id))
                .body("metrics.requests", equalTo(1))
                .body("metrics.toolCalls", equalTo(0))
                .body("metrics.errors", equalTo(0))
                .extract().path("expiresAt");
        assertTrue(!Instant.parse(expiresAt).isBefore(createdExpiry), "activity moves the expiry forward");
        api().get(session(id)).then().body("lastActivity", notNullValue()).body("version", equalTo(2));
    }

    @Test
    void activityWhenCountersGivenThenAddedExactly() {
        String id = createSession("{}");
        json().body("{\"requests\":3,\"toolCalls\":2,\"errors\":1}").post(session(id) + "/activity").then()
                .statusCode(200).body("metrics.requests", equalTo(3)).body("metrics.toolCalls", equalTo(2))
                .body("metrics.errors", equalTo(1));
        json().body("{\"requests\":0,\"errors\":4}").post(session(id) + "/activity").then()
                .statusCode(200).body("metrics.requests", equalTo(3)).body("metrics.errors", equalTo(5));
    }

    @Test
    void activityWhenToolCallThenRecordedNewestLastAndCapped() {
        String id = createSession("{}");
        for (int i = 1; i <= 7; i++) {
            json().body("{\"toolCall\":{\"name\":\"tool-" + i + "\",\"durationMs\":" + i + ",\"ok\":" + (i % 2 == 0) + "}}")
                    .post(session(id) + "/activity").then().statusCode(200);
        }
        // SESSION_MAX_TOOL_CALLS is 5 in the test profile
        List<String> names = api().get(session(id)).then().statusCode(200)
                .body("recentToolCalls", hasSize(5))
                .body("metrics.requests", equalTo(7))
                .body("metrics.toolCalls", equalTo(7))
                .body("recentToolCalls[4].durationMs", equalTo(7))
                .body("recentToolCalls[4].ok", equalTo(false))
                .body("recentToolCalls[4].at", notNullValue())
                .extract().path("recentToolCalls.name");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("tool-3", "tool-4", "tool-5", "tool-6", "tool-7"), names);
    }

    @Test
    void activityWhenAbsentThenNotFound() {
        api().post(session("activity-" + UUID.randomUUID()) + "/activity").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void activityWhenCounterNegativeThenBadRequestNamingIt() {
        String id = createSession("{}");
        json().body("{\"requests\":-1}").post(session(id) + "/activity").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("requests"));
        json().body("{\"toolCall\":{\"name\":\"\"}}").post(session(id) + "/activity").then().statusCode(400)
                .body("errors[0].field", equalTo("toolCall.name"));
        api().get(session(id)).then().body("metrics.requests", equalTo(0));
    }
}
