package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.json;
import static io.mcp.sessionstore.testing.Api.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.mcp.McpTransportTest;
import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.mcp.sessionstore.testing.StoredEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Activities, reads and creates that arrive together go to PostgreSQL together (one round trip, one commit) with the
 * semantics of one statement each: exact sums, tool calls in the order applied, a 404 or a failure
 * for its own caller only, and a lone request sent alone.
 */
@QuarkusTest
class SessionBatchingTest {

    private static final int CALLERS = 48;

    /** Starts all the calls at once (a latch), and returns their responses. */
    private static List<Response> together(List<Supplier<Response>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> running = new ArrayList<>();
            for (Supplier<Response> call : calls) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.get();
                }, pool));
            }
            start.countDown();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Supplier<Response> activity(String id, String tool) {
        return () -> json().body("{\"toolCall\":{\"name\":\"" + tool + "\",\"durationMs\":1}}").post(session(id) + "/activity");
    }

    /**
     * The largest, the count and the sum of the round trips so far by form (mcp_db_batch_size), keyed
     * "form.max" ("alone.count", "one-statement.max", "pipelined.sum", ...).
     */
    private static Map<String, Double> batchSizes() {
        String metrics = RestAssured.given().get("/q/metrics").asString();
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher line = Pattern.compile("^mcp_db_batch_size_(max|count|sum)\\{form=\"([a-z-]+)\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        while (line.find()) {
            values.put(line.group(2) + "." + line.group(1), Double.parseDouble(line.group(3)));
        }
        return values;
    }

    @Test
    void activitiesWhenConcurrentOnOneSessionThenBatchedAndAddedUpExactlyWithToolCallsInTheOrderApplied() {
        String id = createSession("{}");
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(activity(id, "call-" + i));
        }
        List<Response> answers = together(calls);
        record Applied(long requests, String tool) {
        }
        List<Applied> applied = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            assertEquals(200, answers.get(i).statusCode(), answers.get(i).asString());
            applied.add(new Applied(answers.get(i).jsonPath().getLong("metrics.requests"), "call-" + i));
        }
        assertEquals(LongStream.rangeClosed(1, CALLERS).boxed().toList(),
                new ArrayList<>(new TreeSet<>(applied.stream().map(Applied::requests).toList())),
                "each caller saw the row after its own statement: 1 to " + CALLERS + ", none twice");
        Response row = api().get(session(id));
        assertEquals(CALLERS, row.jsonPath().getInt("metrics.requests"));
        assertEquals(CALLERS, row.jsonPath().getInt("metrics.toolCalls"));
        List<String> newest = applied.stream().sorted(Comparator.comparingLong(Applied::requests)).map(Applied::tool)
                .toList().subList(CALLERS - 5, CALLERS); // SESSION_MAX_TOOL_CALLS is 5 in the test profile
        assertEquals(newest, row.jsonPath().getList("recentToolCalls.name"), "the newest tool calls, in the order applied");
        assertTrue(batchSizes().getOrDefault("pipelined.max", 0.0) > 1,
                "some calls went together, pipelined (one session's activities cannot share one UPDATE): " + batchSizes());
    }

    @Test
    void activitiesWhenConcurrentOnDistinctSessionsThenOneStatementAndEachItsOwnRowAndToolCall() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            ids.add(createSession("{}"));
        }
        for (int round = 1; round <= 3; round++) {
            int r = round;
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                calls.add(i % 12 == 11 ? activity("missing-" + i, "none") : activity(ids.get(i), "r" + r + "-" + i));
            }
            List<Response> answers = together(calls);
            for (int i = 0; i < CALLERS; i++) {
                Response answer = answers.get(i);
                if (i % 12 == 11) {
                    assertEquals(404, answer.statusCode(), "caller " + i + ": " + answer.asString());
                } else {
                    assertEquals(200, answer.statusCode(), "caller " + i + ": " + answer.asString());
                    assertEquals(ids.get(i), answer.jsonPath().getString("id"), "caller " + i + " got its own row");
                    assertEquals(r, answer.jsonPath().getInt("metrics.requests"), "caller " + i);
                }
            }
        }
        for (int i = 0; i < CALLERS; i++) {
            Response row = api().get(session(ids.get(i)));
            int expected = i % 12 == 11 ? 0 : 3;
            assertEquals(expected, row.jsonPath().getInt("metrics.requests"), "session " + i);
            assertEquals(i % 12 == 11 ? List.of() : List.of("r1-" + i, "r2-" + i, "r3-" + i),
                    row.jsonPath().getList("recentToolCalls.name"), "session " + i + "'s own tool calls, in order");
        }
        assertTrue(batchSizes().getOrDefault("one-statement.max", 0.0) > 1,
                "activities of distinct sessions went as one statement: " + batchSizes());
    }

    @Test
    void mcpMessagesWhenConcurrentOnDistinctSessionsThenOneStatementStoresEachStreamUnderItsOwnSession() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(McpTransportTest.initialize(Api.KEY));
        }
        double before = batchSizes().getOrDefault("one-statement.count", 0.0);
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            int n = 100 + i;
            calls.add(() -> McpTransportTest.mcp(Api.KEY).header("Mcp-Session-Id", id)
                    .body("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"ping\"}").post("/mcp"));
        }
        List<Response> answers = together(calls);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(200, answers.get(i).statusCode(), "caller " + i + ": " + answers.get(i).asString());
            List<String[]> events = McpTransportTest.events(answers.get(i).asString());
            assertTrue(events.size() >= 2, "a primed stream with the answer: " + answers.get(i).asString());
            assertTrue(events.getLast()[1].contains("\"id\":" + (100 + i)), "caller " + i + " got its own answer");
            // what the store kept of that stream, replayed after its priming event: exactly the rest
            Response replayed = RestAssured.given().header("Authorization", "Bearer " + Api.KEY).accept("text/event-stream")
                    .header("Mcp-Session-Id", ids.get(i)).header("Last-Event-ID", events.getFirst()[0]).get("/mcp");
            assertEquals(events.subList(1, events.size()).stream().map(e -> e[0] + " " + e[1]).toList(),
                    McpTransportTest.events(replayed.asString()).stream().map(e -> e[0] + " " + e[1]).toList(),
                    "session " + i + "'s stream, stored under it");
        }
        assertTrue(batchSizes().getOrDefault("one-statement.count", 0.0) > before,
                "some of the messages' writes went as one statement: " + batchSizes());
    }

    @Test
    void mcpMessagesWhenConcurrentOnDistinctSessionsHoldingMoreThanTheCapThenEachKeepsExactlyItsNewest() {
        // the one-statement form's trim: each session of the batch down to the test profile's cap of
        // 2000, from 2300 (as a larger cap left them) and whatever its answers added
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = McpTransportTest.initialize(Api.KEY);
            StoredEvents.storeBeyondTheCap(id, 2300);
            ids.add(id);
        }
        double before = batchSizes().getOrDefault("one-statement.count", 0.0);
        for (int round = 0; round < 3; round++) {
            List<Supplier<Response>> calls = new ArrayList<>();
            for (String id : ids) {
                calls.add(() -> McpTransportTest.mcp(Api.KEY).header("Mcp-Session-Id", id)
                        .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}").post("/mcp"));
            }
            together(calls).forEach(answer -> assertEquals(200, answer.statusCode(), answer.asString()));
        }
        ids.forEach(id -> StoredEvents.assertKeptExactlyTheNewest(id, 2000));
        assertTrue(batchSizes().getOrDefault("one-statement.count", 0.0) > before,
                "some of the messages' writes went as one statement: " + batchSizes());
    }

    @Test
    void activityWhenSomeSessionsOfABatchAreMissingOrExpiredThen404ForThoseCallersOnly() {
        String live = createSession("{}");
        String expired = createSession("{}");
        assertEquals(1, PostgresTestResource.database().update("""
                UPDATE sessions SET expires_at = now() - interval '1 second',
                    cleanup_due_at = now() - interval '1 second' WHERE id = ?""", expired));
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(activity(i % 3 == 0 ? live : i % 3 == 1 ? "missing-" + i : expired, "t" + i));
        }
        List<Response> answers = together(calls);
        for (int i = 0; i < 30; i++) {
            assertEquals(i % 3 == 0 ? 200 : 404, answers.get(i).statusCode(), "caller " + i + ": " + answers.get(i).asString());
        }
        assertEquals(10, api().get(session(live)).jsonPath().getInt("metrics.requests"));
        assertEquals(0L, PostgresTestResource.database().queryLong("SELECT requests FROM sessions WHERE id = ?", expired),
                "activity never revives an expired session");
    }

    /**
     * Rounds of 24 activities, 3 of them on a session whose counter cannot grow, until one of those
     * shared a batch with others (the batch fails, and its callers go again one by one: counted as
     * "retried"). Every round, only the 3 fail and the others all count.
     */
    @Test
    void batchWhenOneCallersStatementFailsThenOnlyThatCallerFailsAndTheBatchIsRetriedOneByOne() {
        String healthy = createSession("{}");
        String full = createSession("{}");
        PostgresTestResource.database().update("UPDATE sessions SET requests = 9223372036854775807 WHERE id = ?", full);
        double retriedBefore = batchSizes().getOrDefault("retried.count", 0.0);
        int[] counted = {0};
        Api.await("a failing caller in a batch with others", java.time.Duration.ofSeconds(30), () -> {
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(activity(i % 8 == 0 ? full : healthy, "t" + i));
            }
            List<Response> answers = together(calls);
            for (int i = 0; i < 24; i++) {
                boolean failing = i % 8 == 0;
                assertEquals(!failing, answers.get(i).statusCode() == 200, "caller " + i + ": " + answers.get(i).statusCode());
            }
            counted[0] += 21;
            assertEquals(counted[0], api().get(session(healthy)).jsonPath().getInt("metrics.requests"), "the others all counted");
            return batchSizes().getOrDefault("retried.count", 0.0) > retriedBefore;
        });
        assertEquals(Long.MAX_VALUE, PostgresTestResource.database().queryLong(
                "SELECT requests FROM sessions WHERE id = ?", full), "the failing one changed nothing");
    }

    @Test
    void readsWhenConcurrentThenEachCallerItsOwnSessionAndMissingOnes404() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(createSession("{\"attributes\":{\"n\":" + i + "}}"));
        }
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = i % 4 == 3 ? "missing-" + i : ids.get(i % 10);
            calls.add(() -> api().get(session(id)));
        }
        List<Response> answers = together(calls);
        for (int i = 0; i < 40; i++) {
            if (i % 4 == 3) {
                assertEquals(404, answers.get(i).statusCode(), "caller " + i);
            } else {
                assertEquals(200, answers.get(i).statusCode(), "caller " + i);
                assertEquals(ids.get(i % 10), answers.get(i).jsonPath().getString("id"), "caller " + i + " got its own row");
                assertEquals(i % 10, answers.get(i).jsonPath().getInt("attributes.n"));
            }
        }
        assertTrue(batchSizes().getOrDefault("one-statement.max", 0.0) > 1, "reads went as one statement: " + batchSizes());
    }

    @Test
    void createsWhenConcurrentThenEachCallerItsOwnNewSessionAndOneWinnerPerId() {
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            calls.add(i % 2 == 0
                    ? () -> json().body("{\"attributes\":{\"n\":" + n + "}}").post("/sessions")
                    : () -> json().header("If-None-Match", "*").body("{\"attributes\":{\"n\":" + n + "}}")
                            .put(session("contested")));
        }
        List<Response> answers = together(calls);
        TreeSet<String> created = new TreeSet<>();
        int contestedWinners = 0;
        for (int i = 0; i < 40; i++) {
            Response answer = answers.get(i);
            if (i % 2 == 0) {
                assertEquals(201, answer.statusCode(), "caller " + i + ": " + answer.asString());
                assertEquals(i, answer.jsonPath().getInt("attributes.n"), "caller " + i + " got its own row");
                created.add(answer.jsonPath().getString("id"));
            } else if (answer.statusCode() == 201) {
                contestedWinners++;
                assertEquals(i, api().get(session("contested")).jsonPath().getInt("attributes.n"), "the winner's row stays");
            } else {
                assertEquals(412, answer.statusCode(), "caller " + i + ": " + answer.asString());
            }
        }
        assertEquals(20, created.size(), "twenty new sessions, twenty ids");
        assertEquals(1, contestedWinners, "one create of the contested id won, the others got 412");
    }

    @Test
    void createsWhenConcurrentWithNewIdsThenOneStatementAndAnExpiredIdTakenOverWithoutItsEvents() {
        String stale = createSession("{\"attributes\":{\"old\":true}}");
        PostgresTestResource.database().update("""
                INSERT INTO session_events (session_id, seq, stream_id, message, compressed, created_at)
                VALUES (?, 1, 's', NULL, false, now())""", stale);
        PostgresTestResource.database().update("""
                UPDATE sessions SET expires_at = now() - interval '1 second', cleanup_due_at = now() - interval '1 second',
                    requests = 7 WHERE id = ?""", stale);
        double before = batchSizes().getOrDefault("one-statement.count", 0.0);
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            calls.add(i == 17
                    ? () -> json().header("If-None-Match", "*").body("{\"attributes\":{\"n\":" + n + "}}").put(session(stale))
                    : () -> json().body("{\"attributes\":{\"n\":" + n + "}}").post("/sessions"));
        }
        List<Response> answers = together(calls);
        TreeSet<String> created = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            assertEquals(201, answers.get(i).statusCode(), "caller " + i + ": " + answers.get(i).asString());
            assertEquals(i, answers.get(i).jsonPath().getInt("attributes.n"), "caller " + i + " got its own row");
            assertEquals(1, answers.get(i).jsonPath().getInt("version"), "caller " + i + ": a new session");
            created.add(answers.get(i).jsonPath().getString("id"));
        }
        assertEquals(30, created.size());
        assertEquals(0, api().get(session(stale)).jsonPath().getInt("metrics.requests"), "the expired session's counters went");
        assertEquals(0L, PostgresTestResource.database().queryLong(
                "SELECT count(*) FROM session_events WHERE session_id = ?", stale), "and its events");
        assertTrue(batchSizes().getOrDefault("one-statement.count", 0.0) > before, "creates went as one statement: "
                + batchSizes());
    }

    @Test
    void activityWhenAloneThenSentAloneWithoutWaiting() {
        String id = createSession("{}");
        Map<String, Double> before = batchSizes();
        for (int i = 0; i < 5; i++) {
            json().post(session(id) + "/activity").then().statusCode(200);
        }
        Map<String, Double> after = batchSizes();
        assertEquals(5.0, after.get("alone.count") - before.getOrDefault("alone.count", 0.0), "five round trips alone");
        assertEquals(5.0, after.get("alone.sum") - before.getOrDefault("alone.sum", 0.0), "of one statement each");
        for (String form : List.of("pipelined", "one-statement")) {
            assertEquals(before.getOrDefault(form + ".count", 0.0), after.getOrDefault(form + ".count", 0.0), form);
        }
    }
}
