package io.mcp.sessionstore.events;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.StoredEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EventCapAndConcurrencyTest {

    private static final int APPENDERS = 8;
    private static final int EVENTS_EACH = 250;

    /** The port RestAssured targets (set before each test): the in-process app, or the packaged one in an IT. */
    private static int port() {
        return io.restassured.RestAssured.port;
    }

    @Test
    void appendWhen8ConcurrentAppendersThen2000DistinctIdsReplayedInAppendOrder() {
        String id = createSession("{}");
        List<List<String>> idsByAppender = appendConcurrently(id, EVENTS_EACH);

        List<String> replay = readWholeStream(id, "shared");
        assertEquals(APPENDERS * EVENTS_EACH, replay.size());
        assertEquals(APPENDERS * EVENTS_EACH, replay.stream().distinct().count(), "no duplicate ids");
        assertEquals(APPENDERS * EVENTS_EACH, idsByAppender.stream().mapToLong(List::size).sum());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < replay.size(); i++) {
            position.put(replay.get(i), i);
        }
        for (int i = 1; i < replay.size(); i++) {
            assertTrue(EventId.parse(replay.get(i)).seq() > EventId.parse(replay.get(i - 1)).seq(), "strict order");
        }
        for (List<String> own : idsByAppender) {
            for (int i = 1; i < own.size(); i++) {
                assertTrue(position.get(own.get(i)) > position.get(own.get(i - 1)), "each appender's events keep its order");
            }
        }
    }

    @Test
    void appendWhenOverCapThenOldestTrimmedAndReplayFromTrimmedIdGone() {
        // the cap is 2000 in the test profile; 2100 events drop the 100 oldest
        String id = createSession("{}");
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            String messages = String.join(",", IntStream.range(0, 700).mapToObj(i -> "{\"n\":" + i + "}").toList());
            ids.addAll(api().contentType("application/json").body("{\"messages\":[" + messages + "]}")
                    .post(session(id) + "/streams/capped/events").then().statusCode(201).extract().<List<String>>path("ids"));
        }
        List<String> kept = readWholeStream(id, "capped");
        assertEquals(2000, kept.size());
        assertEquals(ids.subList(100, 2100), kept);

        for (String trimmed : List.of(ids.get(0), ids.get(99))) {
            api().queryParam("after", trimmed).get(session(id) + "/events").then().statusCode(410)
                    .contentType("application/problem+json").body("status", equalTo(410));
        }
        api().queryParam("after", ids.get(100)).queryParam("limit", 5).get(session(id) + "/events").then()
                .statusCode(200).body("events.id", equalTo(ids.subList(101, 106)));
    }

    @Test
    void appendWhenConcurrentOnASessionHoldingMoreThanTheCapThenExactlyTheNewestCapKept() {
        // 2300 events stored (as under a cap of 2300 or more), then concurrent appends under the test
        // profile's 2000: the first trim takes the 300 above the cap as well as its own
        String id = createSession("{}");
        StoredEvents.storeBeyondTheCap(id, 2300);
        appendConcurrently(id, 10);
        StoredEvents.assertKeptExactlyTheNewest(id, 2000);
    }

    /** APPENDERS clients at once, each appending {@code each} events one by one; the ids each got, in order. */
    private static List<List<String>> appendConcurrently(String sessionId, int each) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService appenders = Executors.newFixedThreadPool(APPENDERS);
        try {
            return IntStream.range(0, APPENDERS)
                    .mapToObj(appender -> CompletableFuture.supplyAsync(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            ids.add(appendOne(client, sessionId, "{\"appender\":" + appender + ",\"n\":" + i + "}"));
                        }
                        return ids;
                    }, appenders))
                    .toList().stream().map(CompletableFuture::join).toList();
        } finally {
            appenders.shutdownNow();
        }
    }

    /** The id of the event appended. */
    private static String appendOne(HttpClient client, String sessionId, String message) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port() + session(sessionId) + "/streams/shared/events"))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":" + message + "}"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            String body = response.body();
            return body.substring(body.indexOf("[\"") + 2, body.indexOf("\"]"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> readWholeStream(String sessionId, String streamId) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            var request = api();
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get(session(sessionId) + "/streams/" + streamId + "/events");
            page.then().statusCode(200);
            List<String> pageIds = page.path("events.id");
            if (pageIds.isEmpty()) {
                return ids;
            }
            ids.addAll(pageIds);
            after = pageIds.getLast();
        }
    }
}
