package io.mcp.sessionstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real MCP server for the gateway's tests: {@code @modelcontextprotocol/server-everything} from npm
 * (pinned in src/test/node/package.json, installed by {@code npm ci --prefix src/test/node}), bound to
 * 127.0.0.1 by a preload script, on a free port. Started and stopped by pid.
 */
public final class ServerEverything implements AutoCloseable {

    static final Path NODE_DIR = Path.of("src/test/node");
    static final Path ENTRY = NODE_DIR.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    private final String mode;
    private final int port;
    private final Path log;
    private Process process;

    /** {@code mode}: streamableHttp (serves /mcp) or sse (GET /sse, POST /message). */
    public ServerEverything(String mode) {
        this(mode, ServiceProcess.freePort());
    }

    /** On a given port: a restarted upstream comes back where the gateway knows it. */
    public ServerEverything(String mode, int port) {
        this.mode = mode;
        this.port = port;
        try {
            this.log = Files.createTempFile("server-everything-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test when the npm modules are not installed, except in CI, where that fails it. */
    public static void requireInstalled() {
        requireInstalledOrFail();
        Assumptions.assumeTrue(installed(), missing());
    }

    /** Where a test cannot be skipped (a test resource starting before any test): fails without the modules. */
    public static void requireInstalledOrFail() {
        if (!installed() && System.getenv("CI") != null) {
            throw new AssertionError(ENTRY + " is missing: CI must run npm ci --prefix " + NODE_DIR);
        }
    }

    /** For {@code @EnabledIf}: run where the modules are, and always in CI (where their absence fails). */
    public static boolean installedOrCi() {
        return installed() || System.getenv("CI") != null;
    }

    public static boolean installed() {
        return Files.exists(ENTRY);
    }

    private static String missing() {
        return ENTRY + " is missing: run npm ci --prefix " + NODE_DIR
                + " (Node.js 20+) to run the gateway tests against a real MCP server";
    }

    public ServerEverything start() {
        requireInstalled();
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "-r", NODE_DIR.resolve("loopback.cjs").toAbsolutePath()
                .toString(), ENTRY.toAbsolutePath().toString(), mode))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PORT", String.valueOf(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api.await("server-everything (" + mode + ") on 127.0.0.1:" + port + " (log: " + log + ")", Duration.ofSeconds(30),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server-everything exited with " + process.exitValue() + ": " + log());
                    }
                    return listening();
                });
        return this;
    }

    public int port() {
        return port;
    }

    /** The URL an upstream entry names: /mcp for streamableHttp, /sse for sse. */
    public String url() {
        return "http://127.0.0.1:" + port + (mode.equals("sse") ? "/sse" : "/mcp");
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, as a crash: its sessions are gone with it. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            Processes.awaitExitOrKill(process);
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
