package io.mcp.sessionstore.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A Kubernetes readiness probe run every 25 ms, remembering when each answer came and what it was. */
final class Readiness implements AutoCloseable {

    private record Probe(long atNanos, boolean up) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();
    private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    Readiness(String baseUri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        thread = Thread.ofPlatform().name("fault-readiness").daemon().start(() -> {
            while (running) {
                boolean up;
                try {
                    up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    up = false;
                } catch (InterruptedException e) {
                    return;
                }
                probes.add(new Probe(System.nanoTime(), up));
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** When the first probe after {@code nanos} answered {@code up}, or -1. */
    long first(boolean up, long nanos) {
        return probes.stream().filter(probe -> probe.up() == up && probe.atNanos() >= nanos)
                .mapToLong(Probe::atNanos).min().orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
