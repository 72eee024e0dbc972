package io.mcp.sessionstore.faults;

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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's clients: {@code workers} threads that create sessions, record activity and append
 * events, back to back, each on sessions of its own (so each session's writes are in sequence and
 * the ledger knows what to expect). A worker sends to its replica; after a 503 or no answer its next
 * request goes to the next replica at once, as a client behind a load balancer does (not after
 * Retry-After's 5 s: the suite measures when service comes back, to the request). Every
 * request is sampled with its time and outcome; every write goes to the {@link Ledger}.
 */
final class LoadClient implements AutoCloseable {

    /** A request that ended at {@code atNanos} after {@code latencyNanos}. */
    record Sample(long atNanos, long latencyNanos, Outcome outcome, int replica) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_EVENTS_PER_SESSION = 200;

    private final List<String> replicas;
    private final String apiKey;
    private final Ledger ledger;
    private final String runId;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    LoadClient(List<String> replicas, String apiKey, Ledger ledger, String runId) {
        this.replicas = List.copyOf(replicas);
        this.apiKey = apiKey;
        this.ledger = ledger;
        this.runId = runId;
    }

    LoadClient start(int workers) {
        running = true;
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = Thread.ofPlatform().name("fault-load-" + w).daemon().start(() -> work(worker));
            threads.add(thread);
        }
        return this;
    }

    /** Stops the workers after their request in flight. */
    void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TIMEOUT.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
        http.close();
    }

    private void work(int worker) {
        List<Ledger.Session> mine = new ArrayList<>();
        long[] nextEvent = new long[1];
        int replica = worker % replicas.size();
        int created = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            Outcome outcome;
            double dice = random.nextDouble();
            if (mine.isEmpty() || dice < 0.1) {
                String id = runId + "-" + worker + "-" + created++;
                outcome = send(replica, "PUT", "/sessions/" + id, "{\"serverId\":\"faults\"}", true);
                if (outcome == Outcome.OK) {
                    mine.add(ledger.created(id)); // an id whose create got no 2xx is never used again
                }
            } else {
                Ledger.Session session = mine.get(random.nextInt(mine.size()));
                if (dice < 0.6 || session.ackedEvents.size() + session.ambiguousEvents.size() >= MAX_EVENTS_PER_SESSION) {
                    outcome = send(replica, "POST", "/sessions/" + session.id + "/activity", "{}", false);
                    if (outcome == Outcome.OK) {
                        session.ackedIncrements.incrementAndGet();
                    } else if (outcome.ambiguous()) {
                        session.ambiguousIncrements.incrementAndGet();
                    }
                } else {
                    long n = ++nextEvent[0];
                    outcome = send(replica, "POST", "/sessions/" + session.id + "/streams/s/events",
                            "{\"message\":{\"n\":" + n + "}}", false);
                    if (outcome == Outcome.OK) {
                        session.ackedEvents.add(n);
                    } else if (outcome.ambiguous()) {
                        session.ambiguousEvents.add(n);
                    }
                }
            }
            if (outcome != Outcome.OK) {
                replica = (replica + 1) % replicas.size();
            }
        }
    }

    private Outcome send(int replica, String method, String path, String body, boolean create) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replicas.get(replica) + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (create) {
            request.header("If-None-Match", "*");
        }
        Outcome outcome;
        long sentAt = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            outcome = Outcome.of(response.statusCode(), response.headers().firstValue("Retry-After").isPresent());
        } catch (IOException e) {
            outcome = Outcome.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.NO_ANSWER;
            running = false;
        }
        long endedAt = System.nanoTime();
        samples.add(new Sample(endedAt, endedAt - sentAt, outcome, replica));
        return outcome;
    }

    /** The outcomes of the requests that ended in [from, to). */
    Map<Outcome, Long> tally(long fromNanos, long toNanos) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Sample sample : samples) {
            if (sample.atNanos() >= fromNanos && sample.atNanos() < toNanos) {
                counts.merge(sample.outcome(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Acknowledged requests per second in [from, to). */
    double okRate(long fromNanos, long toNanos) {
        long ok = tally(fromNanos, toNanos).getOrDefault(Outcome.OK, 0L);
        return ok / ((toNanos - fromNanos) / 1e9);
    }

    /** When the first 2xx after {@code nanos} ended, or -1. */
    long firstOkAfter(long nanos) {
        return samples.stream().filter(sample -> sample.outcome() == Outcome.OK && sample.atNanos() >= nanos)
                .mapToLong(Sample::atNanos).min().orElse(-1);
    }

    /** The longest request with this outcome that ended in [from, to), or 0. */
    long maxLatency(Outcome outcome, long fromNanos, long toNanos) {
        return samples.stream().filter(sample -> sample.outcome() == outcome && sample.atNanos() >= fromNanos
                && sample.atNanos() < toNanos).mapToLong(Sample::latencyNanos).max().orElse(0);
    }

    /** When the last request without a 2xx ended, or -1. */
    long lastNotOk() {
        return samples.stream().filter(sample -> sample.outcome() != Outcome.OK).mapToLong(Sample::atNanos).max().orElse(-1);
    }
}
