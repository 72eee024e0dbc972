package io.mcp.sessionstore.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A Kubernetes readiness probe run every 25 ms, remembering when each answer came and what it was. */
final class Readiness implements AutoCloseable {

    private record Probe(long atNanos, boolean up) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();
    private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fault-readiness").daemon().factory());

    /** Probes every 25 ms after the previous probe's answer, as Kubernetes' periodSeconds does. */
    Readiness(String baseUri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        schedule.scheduleWithFixedDelay(() -> {
            boolean up;
            try {
                up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                up = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            probes.add(new Probe(System.nanoTime(), up));
        }, 0, 25, TimeUnit.MILLISECONDS);
    }

    /** When the first probe after {@code nanos} answered {@code up}, or -1. */
    long first(boolean up, long nanos) {
        return probes.stream().filter(probe -> probe.up() == up && probe.atNanos() >= nanos)
                .mapToLong(Probe::atNanos).min().orElse(-1);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
