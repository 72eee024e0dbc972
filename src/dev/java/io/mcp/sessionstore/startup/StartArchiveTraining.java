package io.mcp.sessionstore.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Writes the JVM image's AppCDS archive from a whole start of the packaged service: a throwaway
 * embedded PostgreSQL, the service started on it with {@code -XX:ArchiveClassesAtExit}, ready, a few
 * requests of each kind, then a graceful stop, at which the JVM writes the archive.
 *
 * <p>Why a whole start: an archive holds the classes loaded while it was recorded. Quarkus' own mode
 * ({@code -Dquarkus.appcds.generate}) stops after static init and needs no database, so it misses
 * Flyway, Hibernate's session factory, the PostgreSQL clients and the HTTP routes; with the
 * {@code aot-jar} packaging those are archived too (docs/design-notes.md, "Start-up, a fifth look").
 * The archive only serves the JVM build that wrote it, so docker/Dockerfile.jvm runs this with the
 * image's own JDK, and bench/run with the JDK it measures.
 *
 * <p>Usage: {@code java -cp <app jar>:<training class path> io.mcp.sessionstore.startup.StartArchiveTraining
 * <archive> <quarkus-run.jar>}. Exits non-zero, with the reason, when no archive was written.
 */
public final class StartArchiveTraining {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);
    private static final int LOG_LINES_SHOWN = 40;

    private StartArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StartArchiveTraining <archive> <quarkus-run.jar>");
            System.exit(2);
        }
        Path archive = Path.of(args[0]).toAbsolutePath();
        try {
            Files.deleteIfExists(archive);
            try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
                train(archive, Path.of(args[1]).toAbsolutePath(), database.getPort());
            }
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                throw new TrainingFailed("the service stopped but wrote no archive at " + archive);
            }
        } catch (TrainingFailed e) {
            System.err.println("start archive: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("start archive: " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MiB)");
    }

    private static void train(Path archive, Path runJar, int databasePort) throws Exception {
        int port = freePort();
        String apiKey = randomKey();
        Path log = Files.createTempFile("start-archive-service", ".log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:ArchiveClassesAtExit=" + archive, "-jar", runJar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + databasePort + "/postgres");
        builder.environment().put("MCP_API_KEYS", apiKey);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        Process service = builder.start();
        try {
            Traffic traffic = new Traffic(URI.create("http://127.0.0.1:" + port), apiKey);
            traffic.awaitReady(service, READY_WITHIN);
            traffic.run();
            service.destroy(); // SIGTERM: the graceful stop, after which the JVM writes the archive
            if (!service.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                fail("the service did not stop within " + STOP_WITHIN.toSeconds() + " s of SIGTERM");
            }
            if (service.exitValue() != 0) {
                fail("the service exited " + service.exitValue());
            }
            Files.deleteIfExists(log);
        } catch (TrainingFailed e) {
            // the log is lost with a failed image build's container: its end goes with the reason
            throw new TrainingFailed(e.getMessage() + "; the service's log ends:\n" + lastLines(log, LOG_LINES_SHOWN));
        } finally {
            service.destroyForcibly();
        }
    }

    private static String lastLines(Path file, int count) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** One request of each kind the service answers most, so their classes are archived too. */
    private record Traffic(URI base, String apiKey) {

        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        void awaitReady(Process service, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                if (!service.isAlive()) {
                    fail("the service exited " + service.exitValue() + " before it was ready");
                }
                try {
                    if (send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET()) == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // polled again below
                }
                Thread.sleep(50);
            }
            fail("the service was not ready within " + within.toSeconds() + " s");
        }

        void run() throws Exception {
            HttpResponse<Void> created = CLIENT.send(authorized("/sessions")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"serverId\":\"start-archive\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String session = created.headers().firstValue("Location").map(URI::create).map(URI::getRawPath).orElse(null);
            if (created.statusCode() != 201 || session == null) {
                fail("POST /sessions answered " + created.statusCode());
            }
            expect(200, authorized(session).GET());
            expect(200, authorized(session + "/activity").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toolCall\":{\"name\":\"echo\",\"durationMs\":1,\"ok\":true}}")));
            expect(201, authorized(session + "/streams/s/events").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"n\":1},{\"n\":2}]}")));
            expect(200, authorized("/sessions?limit=1").GET());
            expect(204, authorized(session).DELETE());
            expect(404, authorized(session).GET());
        }

        private HttpRequest.Builder authorized(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + apiKey);
        }

        private void expect(int status, HttpRequest.Builder request) throws Exception {
            int answered = send(request);
            if (answered != status) {
                fail(request.build().method() + " " + request.build().uri().getPath() + " answered " + answered
                        + ", expected " + status);
            }
        }

        private static int send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void fail(String reason) throws TrainingFailed {
        throw new TrainingFailed(reason);
    }

    private static final class TrainingFailed extends Exception {
        TrainingFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
