package io.mcp.sessionstore.session;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.createSession;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionConcurrencyTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The port RestAssured targets (set before each test): the in-process app, or the packaged one in an IT. */
    private static int port() {
        return io.restassured.RestAssured.port;
    }

    @Test
    void activityWhen200ConcurrentCallsThenCountersExact() {
        String id = createSession("{}");
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> client.sendAsync(post(session(id) + "/activity",
                        "{\"requests\":1,\"toolCalls\":1,\"errors\":" + (i % 2) + ",\"toolCall\":{\"name\":\"t" + i + "\"}}",
                        "application/json", null), HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        api().get(session(id)).then().statusCode(200)
                .body("metrics.requests", equalTo(200))
                .body("metrics.toolCalls", equalTo(200))
                .body("metrics.errors", equalTo(100))
                .body("recentToolCalls.size()", equalTo(5))
                .body("version", equalTo(201));
    }

    @Test
    void putWhenTwoConcurrentReplacesWithSameIfMatchThenExactlyOneWins() {
        for (int round = 0; round < 20; round++) {
            String id = createSession("{}");
            List<CompletableFuture<HttpResponse<String>>> replaces = IntStream.range(0, 2)
                    .mapToObj(i -> client.sendAsync(put(session(id), "{\"serverId\":\"writer-" + i + "\"}", "\"1\""),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            List<Integer> statuses = replaces.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
                    .sorted().toList();
            assertEquals(List.of(200, 412), statuses, "round " + round);
            api().get(session(id)).then().body("version", equalTo(2));
        }
    }

    private HttpRequest post(String path, String body, String contentType, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.build();
    }

    private HttpRequest put(String path, String body, String ifMatch) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .header("If-Match", ifMatch).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
