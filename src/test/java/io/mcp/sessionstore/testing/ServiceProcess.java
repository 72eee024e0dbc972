package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) as its own process, in the prod
 * profile, configured only by environment variables the way a deployment configures it.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String KEY = "it-key";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private List<String> jvmOptions = List.of();
    private Process process;

    public ServiceProcess(String name, Map<String, String> extraEnvironment) {
        this(name, extraEnvironment, freePort());
    }

    /** On a given port: a restarted process where clients expect the old one. */
    public ServiceProcess(String name, Map<String, String> extraEnvironment, int port) {
        this.port = port;
        this.log = Path.of("target", "it-" + name + ".log");
        this.environment = new HashMap<>(Map.of(
                "DATABASE_URL", extraEnvironment.containsKey("DATABASE_URL") ? extraEnvironment.get("DATABASE_URL")
                        : PostgresTestResource.database().databaseUrl(),
                "MCP_API_KEYS", KEY,
                "PORT", Integer.toString(port),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "SESSION_CLEANUP_INITIAL_DELAY", "1h",
                // the suites grep text lines; LogJsonIT turns the prod profile's JSON lines back on and reads them
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        this.environment.putAll(extraEnvironment);
    }

    /** JVM options for the process, before {@code -jar}: set before {@link #start}. */
    public ServiceProcess jvmOptions(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    /** Starts the process and waits until it is ready. */
    public ServiceProcess start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the ITs run after `mvn package`");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api.await("the service on port " + port + " to be ready (log: " + log + ")", Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the service exited with " + process.exitValue() + "; log: " + log);
                    }
                    return status("/q/health/ready") == 200;
                });
        return this;
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the service can do about it. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as Kubernetes sends it; returns nothing, see {@link #waitForExit}. */
    public void terminate() {
        process.destroy();
    }

    public int waitForExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the service did not exit within " + deadline);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + path))
                    .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(2)).GET().build();
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
