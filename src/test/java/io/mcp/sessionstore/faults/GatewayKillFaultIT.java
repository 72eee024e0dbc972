package io.mcp.sessionstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.ServiceProcess;

/**
 * The gateway's promise under the worst fault: two gateway replicas in front of a real
 * server-everything, MCP clients calling tools back to back, and one replica killed (SIGKILL) in
 * the middle. Its clients go on with the same MCP session at the other replica: no 404, no new
 * initialize (neither by the client nor towards the upstream), every 200 the answer to its own call.
 */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayKillFaultIT {

    private static final String ROUTE = "/mcp/everything";
    private static final int CLIENTS = 8;

    @Test
    void gatewayReplicaWhenKilledUnderLoadThenItsClientsGoOnWithTheSameSessionAtTheOther() throws Exception {
        String apiKey = FaultDatabase.randomSecret();
        String upstreamToken = FaultDatabase.randomSecret();
        String gatewayKey = io.mcp.sessionstore.gateway.SessionCipher.newKey();
        try (FaultDatabase database = new FaultDatabase();
                ServerEverything upstream = new ServerEverything("streamableHttp").start()) {
            Map<String, String> environment = Map.of("DATABASE_URL", database.databaseUrl(), "MCP_API_KEYS", apiKey,
                    "MCP_GATEWAY_KEY", gatewayKey, "FAULT_UPSTREAM_TOKEN", upstreamToken,
                    "MCP_UPSTREAMS", "[{\"id\":\"everything\",\"transport\":\"streamable-http\",\"url\":\"" + upstream.url()
                            + "\",\"headers\":{\"X-Fault-Token\":\"${FAULT_UPSTREAM_TOKEN}\"},\"timeout\":\"10s\"}]");
            try (ServiceProcess doomed = Faults.service("faults-gateway-a", environment).start();
                    ServiceProcess survivor = Faults.service("faults-gateway-b", environment).start();
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(1)).build()) {
                List<String> replicas = List.of(doomed.baseUri(), survivor.baseUri());
                List<String> sessions = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    sessions.add(initialize(http, replicas.get(c % 2), apiKey));
                }
                Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);
                for (Outcome outcome : Outcome.values()) {
                    outcomes.put(outcome, new AtomicLong());
                }
                AtomicLong wrongAnswers = new AtomicLong();
                Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
                AtomicLong afterKill = new AtomicLong();
                AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
                java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    acknowledged.put(sessions.get(c), new AtomicLong());
                    clients.add(Thread.ofPlatform().daemon().start(() -> {
                        int replica = client % 2;
                        for (long n = 2; running.get(); n++) {
                            String message = "c" + client + "-" + n;
                            Outcome outcome;
                            try {
                                HttpResponse<String> response = http.send(call(replicas.get(replica), apiKey,
                                        sessions.get(client), n, message), HttpResponse.BodyHandlers.ofString());
                                outcome = Outcome.of(response.statusCode(), response.headers().firstValue("Retry-After").isPresent());
                                if (outcome == Outcome.OK && !response.body().contains("Echo: " + message)) {
                                    wrongAnswers.incrementAndGet();
                                }
                            } catch (IOException e) {
                                outcome = Outcome.NO_ANSWER;
                            } catch (InterruptedException e) {
                                return;
                            }
                            outcomes.get(outcome).incrementAndGet();
                            if (outcome == Outcome.OK) {
                                acknowledged.get(sessions.get(client)).incrementAndGet();
                                if (System.nanoTime() > killedAt.get()) {
                                    afterKill.incrementAndGet();
                                }
                            } else {
                                replica = (replica + 1) % 2;
                            }
                        }
                    }));
                }
                Api.await("200 answered calls", Duration.ofSeconds(60), () -> outcomes.get(Outcome.OK).get() >= 200);
                doomed.kill();
                killedAt.set(System.nanoTime());
                Api.await("200 answered calls after the kill", Duration.ofSeconds(60), () -> afterKill.get() >= 200);
                running.set(false);
                for (Thread client : clients) {
                    client.join(20_000);
                }
                long upstreamInitializes = upstream.log().lines().filter(line -> line.contains("Session initialized with ID")).count();
                long stored = database.queryLong("SELECT coalesce(sum(tool_calls), 0) FROM sessions WHERE id = ANY(?)",
                        (Object) sessions.toArray(String[]::new));
                long acked = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
                long secrets = Faults.secretsIn(doomed.log() + survivor.log(),
                        List.of(apiKey, database.password(), upstreamToken, gatewayKey));
                Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
                outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
                new FaultSection("21-gateway-kill", "SIGKILL of one of two gateway replicas under load", """
                        Two gateway replicas (`/mcp/everything`) share the database, in front of one real
                        `@modelcontextprotocol/server-everything` (Streamable HTTP) that gets a secret header.
                        %d MCP clients, initialized half on each replica, call the `echo` tool back to back, each
                        on its own session; one replica is killed with SIGKILL in the middle. A client that gets
                        no answer or a 503 sends its next call, with the same session, to the other replica.""".formatted(CLIENTS))
                        .outcomes("statuses of the calls", counts)
                        .row("calls answered 200 / answered with another call's result", acked + " / " + wrongAnswers.get())
                        .row("tool calls the store counted for the sessions (recorded when a call ends, best effort: a"
                                + " replica killed between its answer and that record does not count it)", stored)
                        .row("initializes the upstream saw (one per client session: no re-initialization)", upstreamInitializes)
                        .row("API key, database password, gateway key and upstream header value found in the replicas' logs",
                                secrets)
                        .write();
                assertEquals(0L, counts.get(Outcome.CLIENT_ERROR), "a 4xx: a session lost? " + counts);
                assertEquals(0L, counts.get(Outcome.OTHER_5XX) + counts.get(Outcome.UNAVAILABLE_WITHOUT_RETRY_AFTER), counts.toString());
                assertEquals(0L, wrongAnswers.get(), "every 200 answered its own call");
                assertTrue(counts.get(Outcome.NO_ANSWER) > 0 || counts.get(Outcome.UNAVAILABLE) > 0, "the kill was seen: " + counts);
                assertEquals(CLIENTS, upstreamInitializes, "no session was initialized again upstream: " + upstream.log());
                assertEquals(0L, secrets);
            }
        }
    }

    private static HttpRequest.Builder mcp(String baseUri, String apiKey) {
        return HttpRequest.newBuilder(URI.create(baseUri + ROUTE)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    private static HttpRequest call(String baseUri, String apiKey, String session, long id, String message) {
        return mcp(baseUri, apiKey).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"}}}")).build();
    }

    private static String initialize(HttpClient http, String baseUri, String apiKey) throws Exception {
        HttpResponse<String> initialized = http.send(mcp(baseUri, apiKey).POST(HttpRequest.BodyPublishers.ofString("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"fault-suite","version":"1"}}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, initialized.statusCode(), initialized.body());
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> notified = http.send(mcp(baseUri, apiKey).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, notified.statusCode(), notified.body());
        return session;
    }
}
