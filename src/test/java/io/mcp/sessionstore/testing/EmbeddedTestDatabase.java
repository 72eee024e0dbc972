package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Real PostgreSQL binaries, started in a temporary data directory that outlives a stop(), removed by close(). */
final class EmbeddedTestDatabase implements TestDatabase {

    private static final String PREFIX = "mcp-session-store-test-pg";

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    EmbeddedTestDatabase() {
        TempDirectories.deleteStale(PREFIX, Duration.ofHours(1));
        try {
            dataDirectory = Files.createTempDirectory(PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        port = server.getPort();
        // the shared database lives as long as the test JVM: stopped and its data removed at its end.
        // Each Quarkus test profile has a class loader (and a database) of its own, closed before the
        // JVM ends: the hook's classes are loaded now, while it still can.
        TempDirectories.delete(null, Duration.ZERO);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "test-database-cleanup"));
    }

    @Override
    public synchronized void start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off");
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop(); // at the JVM's end the binaries' own shutdown hook may have stopped it already
        } finally {
            TempDirectories.delete(dataDirectory, Duration.ofSeconds(10));
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public String reactiveUrl() {
        return "postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }
}
