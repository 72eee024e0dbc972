package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcp.sessionstore.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * A real PgBouncer in transaction mode (what Neon's pooled endpoint is) in front of the tests'
 * PostgreSQL: Debian's package, its own ini and auth file in a temporary directory, on a free port
 * of 127.0.0.1. Every database name is passed through to the same server, so a test can migrate a
 * fresh database through it. It refuses to run as root: as root it runs as the {@code postgres} user.
 */
public final class PgBouncer implements AutoCloseable {

    /** Debian's path; {@code -Dpgbouncer.binary=...} for another installation. */
    public static final Path BINARY = Path.of(System.getProperty("pgbouncer.binary", "/usr/sbin/pgbouncer"));
    private static final String RUN_AS = "postgres";

    private final TestDatabase database;
    private final String username;
    private final String password;
    private final Path directory;
    private final int port;
    private Process process;

    private PgBouncer(TestDatabase database) throws IOException {
        this.database = database;
        DatabaseUrl server = DatabaseUrl.parse(database.databaseUrl());
        this.username = database.username();
        // PgBouncer logs in to PostgreSQL with the auth file's password; a trusting server takes any
        this.password = database.password() == null || database.password().isEmpty() ? randomPassword()
                : database.password();
        this.port = ServiceProcess.freePort();
        this.directory = Files.createTempDirectory("mcp-session-store-pgbouncer");
        String host = server.host().equals("localhost") ? "127.0.0.1" : server.host();
        Files.writeString(directory.resolve("pgbouncer.ini"), """
                [databases]
                * = host=%s port=%d

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                pool_mode = transaction
                auth_type = plain
                auth_file = %s
                admin_users = %s
                ignore_startup_parameters = extra_float_digits,options,application_name
                logfile = %s
                """.formatted(host, server.port(), port, directory.resolve("users.txt"), username,
                directory.resolve("pgbouncer.log")));
        Path users = directory.resolve("users.txt");
        Files.writeString(users, "\"" + username + "\" \"" + password + "\"\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        if (isRoot()) {
            chown(directory);
        }
        this.process = launch();
    }

    private Process launch() throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups"));
        }
        command.addAll(List.of(BINARY.toString(), directory.resolve("pgbouncer.ini").toString()));
        // setpriv execs PgBouncer in its place: this process is PgBouncer, stopped by its pid
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile())).start();
    }

    /**
     * Stops PgBouncer by its pid (SIGTERM: its immediate shutdown, every client connection dropped)
     * and starts it again on the same port, as a restart of Neon's pooler does; returns when a query
     * passes through it again.
     */
    public void restart() {
        Processes.stop(process);
        try {
            process = launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api.await("PgBouncer on 127.0.0.1:" + port + " to pass a query again", Duration.ofSeconds(20), this::answers);
    }

    /**
     * Starts PgBouncer in front of the database and waits until a query passes through it. Call
     * {@link #requireInstalled()} first.
     */
    public static PgBouncer start(TestDatabase database) {
        PgBouncer pgBouncer;
        try {
            pgBouncer = new PgBouncer(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Api.await("PgBouncer on 127.0.0.1:" + pgBouncer.port + " to pass a query (log: "
                    + pgBouncer.directory.resolve("pgbouncer.log") + ")", Duration.ofSeconds(20), pgBouncer::answers);
        } catch (RuntimeException | Error e) {
            pgBouncer.close();
            throw e;
        }
        return pgBouncer;
    }

    /** Whether the package is installed; {@link PgBouncerRequired} skips or fails on this. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public int port() {
        return port;
    }

    /** What {@code pgbouncer --version} says of itself ("1.18.0"). */
    public String version() {
        try {
            Process version = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            version.waitFor();
            java.util.regex.Matcher number = java.util.regex.Pattern.compile("(\\d+\\.\\d+(\\.\\d+)?)").matcher(text);
            return number.find() ? number.group(1) : text.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The libpq URI of a database through PgBouncer, as DATABASE_URL holds Neon's pooled endpoint. */
    public String databaseUrl(String databaseName) {
        return "postgresql://" + username + ":" + password + "@127.0.0.1:" + port + "/" + databaseName;
    }

    /** The same database as {@link TestDatabase#databaseUrl()}, through PgBouncer. */
    public String databaseUrl() {
        return databaseUrl(DatabaseUrl.parse(database.databaseUrl()).database());
    }

    /**
     * Transactions PgBouncer has passed to the server for one database (its admin console's
     * {@code SHOW STATS}): proof that traffic went through it. The console speaks only the simple
     * protocol and refuses pgJDBC's start-up {@code SET}s, so the reactive client asks.
     */
    public long transactions(String databaseName) {
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions admin = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("pgbouncer")
                    .setUser(username).setPassword(password);
            RowSet<Row> stats = PgConnection.connect(vertx, admin)
                    .compose(connection -> connection.query("SHOW STATS").execute().eventually(() -> connection.close()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (Row row : stats) {
                if (databaseName.equals(row.getString("database"))) {
                    return row.getLong("total_xact_count");
                }
            }
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PgBouncer's admin console did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            vertx.close();
        }
    }

    /** Stops PgBouncer by its pid and waits for it to exit. */
    @Override
    public void close() {
        Processes.stop(process);
        TempDirectories.delete(directory);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError("PgBouncer exited with " + process.exitValue() + ": " + read("stdout.log")
                    + read("pgbouncer.log"));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DatabaseUrl.parse(database.databaseUrl()).database()
                + "?prepareThreshold=0";
        try (Connection connection = DriverManager.getConnection(url, username, password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            return result.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private String read(String file) {
        try {
            return Files.readString(directory.resolve(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chown(Path directory) throws IOException {
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        try (var files = Files.walk(directory)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, users.lookupPrincipalByName(RUN_AS));
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
