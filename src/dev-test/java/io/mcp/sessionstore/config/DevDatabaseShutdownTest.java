package io.mcp.sessionstore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcp.sessionstore.testing.Api;

/**
 * The dev database stops with the dev JVM: child JVMs start it in a throwaway project directory
 * exactly as dev mode does, get signalled by pid, and the postmaster named in postmaster.pid must be
 * gone afterwards - unless another live dev JVM answers for it.
 */
class DevDatabaseShutdownTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path project;

    private final List<Process> children = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = { "TERM", "INT" })
    void signalWhenDevDatabaseStartedThenJvmExitsZeroAndPostgresStops(String signal) throws Exception {
        Process jvm = startChild("a");
        long postmaster = postmasterPid();
        assertTrue(accepts(jvm), "the dev database answers before the signal");

        signal(jvm, signal);

        assertEquals(0, exitCode(jvm), "exit status after SIG" + signal + "; log:\n" + log("a"));
        awaitGone(postmaster);
    }

    @Test
    void terminateWhenOrphanAdoptedFromKilledJvmThenAdopterStopsIt() throws Exception {
        Process killed = startChild("a");
        long postmaster = postmasterPid();
        killed.destroyForcibly(); // SIGKILL: no hook runs, the server is orphaned
        exitCode(killed);
        assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the orphan still runs");

        Process adopter = startChild("b");
        assertEquals(postmaster, postmasterPid(), "the running server is reused, not started twice");
        signal(adopter, "TERM");

        assertEquals(0, exitCode(adopter), log("b"));
        awaitGone(postmaster);
    }

    @Test
    void terminateWhenStarterStillRunsThenReuserLeavesPostgresToIt() throws Exception {
        Process starter = startChild("a");
        long postmaster = postmasterPid();
        Process reuser = startChild("b");
        assertEquals(postmaster, postmasterPid());

        signal(reuser, "TERM");
        assertEquals(0, exitCode(reuser), log("b"));
        assertTrue(accepts(starter), "the starter's database keeps serving after the other JVM left");

        signal(starter, "TERM");
        assertEquals(0, exitCode(starter), log("a"));
        awaitGone(postmaster);
    }

    private Process startChild(String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DevDatabaseProcess.class.getName())
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve(name + ".log").toFile())
                .start();
        children.add(process);
        Api.await("the child JVM " + name + " to report its dev database", DEADLINE, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM exited with " + process.exitValue() + ":\n" + log(name));
            }
            return log(name).contains("READY ");
        });
        return process;
    }

    private void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -s " + signal);
    }

    private static int exitCode(Process process) {
        Api.await("the child JVM " + process.pid() + " to exit", DEADLINE, () -> !process.isAlive());
        return process.exitValue();
    }

    private static void awaitGone(long pid) {
        Api.await("the postmaster " + pid + " to stop", DEADLINE,
                () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private long postmasterPid() {
        Optional<DevDatabase.RunningServer> running = DevDatabase.runningServer(dataDirectory());
        assertTrue(running.isPresent(), "postmaster.pid names a live server in " + dataDirectory());
        return running.get().pid();
    }

    private boolean accepts(Process child) throws IOException {
        int port = DevDatabase.runningServer(dataDirectory()).orElseThrow().port();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "")) {
            return connection.isValid(5) && child.isAlive();
        } catch (SQLException e) {
            return false;
        }
    }

    private Path dataDirectory() {
        return project.resolve(".mcp-dev").resolve("postgres");
    }

    private String log(String name) {
        try {
            Path file = project.resolve(name + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopEverything() {
        children.forEach(child -> {
            child.destroyForcibly();
            exitCode(child);
        });
        // a server a failed test left behind: stop it by the pid its data directory names
        DevDatabase.runningServer(dataDirectory()).ifPresent(running -> ProcessHandle.of(running.pid()).ifPresent(postmaster -> {
            postmaster.destroy();
            awaitGone(running.pid());
        }));
    }
}
