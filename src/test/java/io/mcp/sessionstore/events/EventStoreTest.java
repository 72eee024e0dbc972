package io.mcp.sessionstore.events;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Passes;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventStoreTest {

    static List<String> append(String sessionId, String streamId, String body) {
        return json().body(body).post(session(sessionId) + "/streams/" + streamId + "/events").then()
                .statusCode(201).body("streamId", equalTo(streamId)).extract().path("ids");
    }

    @Test
    void replayWhenAfterAnEventThenExactlyTheLaterEventsOfThatStreamInOrder() {
        String id = createSession("{}");
        String a1 = append(id, "stream-a", "{\"message\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}}").get(0);
        append(id, "stream-b", "{\"message\":{\"n\":\"b1\"}}");
        List<String> a23 = append(id, "stream-a", "{\"messages\":[{\"n\":\"a2\"},[1,2,3]]}");
        append(id, "stream-b", "{\"message\":{\"n\":\"b2\"}}");

        api().queryParam("after", a1).get(session(id) + "/events").then().statusCode(200)
                .body("streamId", equalTo("stream-a"))
                .body("events", hasSize(2))
                .body("events[0].id", equalTo(a23.get(0)))
                .body("events[0].message.n", equalTo("a2"))
                .body("events[1].id", equalTo(a23.get(1)))
                .body("events[1].message", equalTo(List.of(1, 2, 3)))
                .body("events[0].createdAt", org.hamcrest.Matchers.notNullValue());
        api().queryParam("after", a23.get(1)).get(session(id) + "/events").then().statusCode(200)
                .body("events", hasSize(0));
        api().get(session(id) + "/streams/stream-b/events").then().statusCode(200)
                .body("events.message.n", equalTo(List.of("b1", "b2")));
        api().queryParam("after", a23.get(0)).get(session(id) + "/streams/stream-a/events").then()
                .statusCode(200).body("events.id", equalTo(List.of(a23.get(1))));
    }

    @Test
    void idsWhenAppendedThenUrlSafeAndUniqueAcrossStreams() {
        String id = createSession("{}");
        List<String> ids = new java.util.ArrayList<>();
        ids.addAll(append(id, "s1", "{\"messages\":[1,2]}"));
        ids.addAll(append(id, "s2", "{\"messages\":[1,2]}"));
        ids.addAll(append(id, "s1", "{\"message\":3}"));
        assertEquals(5, ids.stream().distinct().count());
        ids.forEach(eventId -> org.junit.jupiter.api.Assertions.assertTrue(eventId.matches("[A-Za-z0-9._-]+"), eventId));
    }

    @Test
    void replayWhenPrimingEventThenEmptyDataOverSse() {
        String id = createSession("{}");
        List<String> ids = append(id, "sse", "{\"messages\":[null,{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}]}");
        api().get(session(id) + "/streams/sse/events").then().statusCode(200)
                .body("events[0].message", nullValue());
        String sse = api().accept("text/event-stream").get(session(id) + "/streams/sse/events").then()
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        assertEquals("id: " + ids.get(0) + "\ndata:\n\n"
                + "id: " + ids.get(1) + "\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n", sse);
        String replayed = api().accept("text/event-stream").queryParam("after", ids.get(0)).get(session(id) + "/events")
                .then().statusCode(200).extract().asString();
        assertEquals("id: " + ids.get(1) + "\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n", replayed);
    }

    @Test
    void replayWhenAfterBelongsToNoStreamOfThisSessionThenNotFound() {
        String id = createSession("{}");
        String other = createSession("{}");
        String foreign = append(other, "s", "{\"message\":1}").get(0);
        append(id, "s", "{\"message\":1}");
        api().queryParam("after", foreign.replace(foreign.substring(0, foreign.indexOf('.')), "99"))
                .get(session(id) + "/events").then().statusCode(404).contentType("application/problem+json");
        api().queryParam("after", "garbage").get(session(id) + "/events").then().statusCode(404);
        api().get(session(id) + "/events").then().statusCode(400);
        api().queryParam("after", EventId.format(1, "another-stream")).get(session(id) + "/events").then().statusCode(404);
    }

    @Test
    void appendWhenSessionAbsentOrExpiredThenNotFound() {
        json().body("{\"message\":1}").post(session("no-such-session") + "/streams/s/events").then().statusCode(404);
        String id = createSession("{}");
        Passes.expire(id);
        json().body("{\"message\":1}").post(session(id) + "/streams/s/events").then().statusCode(404);
        api().get(session(id) + "/streams/s/events").then().statusCode(404);
    }

    @Test
    void appendWhenBodyInvalidThenBadRequestOrTooLarge() {
        String id = createSession("{}");
        String path = session(id) + "/streams/s/events";
        json().body("{}").post(path).then().statusCode(400).contentType("application/problem+json");
        json().body("{\"message\":1,\"messages\":[2]}").post(path).then().statusCode(400);
        json().body("{\"messages\":[]}").post(path).then().statusCode(400);
        json().body("{\"msg\":1}").post(path).then().statusCode(400).body("detail", containsString("msg"));
        String big = "\"" + "x".repeat(1024 * 1024) + "\"";
        json().body("{\"message\":" + big + "}").post(path).then().statusCode(413)
                .contentType("application/problem+json");
        String justUnder = "\"" + "x".repeat(1024 * 1024 - 10) + "\"";
        json().body("{\"message\":" + justUnder + "}").post(path).then().statusCode(201);
    }

    @Test
    void putWhenExpiredIdTakenOverThenOldEventsGone() {
        String id = "events-takeover-" + System.nanoTime();
        json().body("{}").put(session(id)).then().statusCode(201);
        append(id, "s", "{\"messages\":[1,2]}");
        Passes.expire(id);
        json().body("{}").put(session(id)).then().statusCode(201);
        api().get(session(id) + "/streams/s/events").then().statusCode(200).body("events", hasSize(0));
    }
}
