package io.mcp.sessionstore.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.vertx.mutiny.core.Vertx;

/**
 * One child process of a stdio upstream, which is the upstream session itself: JSON-RPC messages
 * as lines on its stdin, its messages as lines on its stdout, routed to the requests waiting for
 * them ({@link SharedStreamRequests}), its stderr to the log. It ends with the MCP lifecycle's
 * shutdown: stdin closed, then SIGTERM, then SIGKILL. Its stdin is a pipe from this JVM, so a gateway
 * that dies without stopping it (SIGKILL) gives it end-of-file, on which a stdio server exits.
 */
final class StdioChild {

    private static final Logger LOG = Logger.getLogger(StdioChild.class);
    /** What every child inherits of the gateway's environment, as the MCP SDKs' stdio clients pass it; nothing else (the gateway's secrets stay here). */
    static final List<String> INHERITED = List.of("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER");
    /** A longer stdout line is no message the gateway can relay: the child is stopped. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Upstream upstream;
    private final String key;
    private final Process process;
    private final OutputStream stdin;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Consumer<StdioChild> onClosed;
    private final SharedStreamRequests requests = new SharedStreamRequests();
    /** One writer, in order; a child that stops reading blocks it, not a shared pool. */
    private final ExecutorService writer;
    private final StderrLog stderr;
    private final Duration stopTimeout;
    private volatile String session;
    private volatile long lastActivity = System.nanoTime();

    private StdioChild(Upstream upstream, String key, Process process, String session, Duration stopTimeout,
            ObjectMapper json, Vertx vertx, Consumer<StdioChild> onClosed) {
        this.upstream = upstream;
        this.key = key;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.session = session;
        this.stopTimeout = stopTimeout;
        this.json = json;
        this.vertx = vertx;
        this.onClosed = onClosed;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mcp-stdio-in-" + process.pid()).factory());
        this.stderr = new StderrLog(upstream.id(), process.pid());
    }

    /**
     * Starts the command; {@code session}: the client session it serves, named in its log lines (null:
     * none yet); {@code stopTimeout}: how long each step of its shutdown waits.
     */
    static StdioChild start(Upstream upstream, String key, String session, Duration stopTimeout, ObjectMapper json,
            Vertx vertx, Consumer<StdioChild> onClosed) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(StdioGuard.guarded(upstream.stdio().command(), stopTimeout));
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(INHERITED);
        environment.putAll(upstream.stdio().environment());
        if (upstream.stdio().workingDirectory() != null) {
            builder.directory(upstream.stdio().workingDirectory().toFile());
        }
        StdioChild child = new StdioChild(upstream, key, builder.start(), session, stopTimeout, json, vertx,
                onClosed);
        child.read();
        LogFields.log(LOG, Logger.Level.INFO, child.session, upstream.id(), "MCP stdio %s: started child pid %d for session %s",
                upstream.id(), child.pid(), StderrLog.name(child.session));
        return child;
    }

    String key() {
        return key;
    }

    Upstream upstream() {
        return upstream;
    }

    long pid() {
        return process.pid();
    }

    /** The client session the child serves from now on (it was started before the session had an id). */
    void serves(String clientSession) {
        if (clientSession != null) {
            session = clientSession;
        }
    }

    boolean closed() {
        return requests.closed();
    }

    /** No request pending, and no message either way for that long. */
    boolean idleFor(Duration idle) {
        return requests.waiting() == 0 && System.nanoTime() - lastActivity > idle.toNanos();
    }

    /** A request about to be written, bounded by the upstream's timeout between two messages for it; null when closed. */
    SharedStreamRequests.Pending expect(JsonNode id, JsonNode progressToken) {
        SharedStreamRequests.Pending waiting = requests.expect(id, progressToken);
        if (waiting != null) {
            arm(waiting, id);
        }
        return waiting;
    }

    /** Writes one message as a line; fails when the child is gone (and stops it: its state is unknown). */
    CompletableFuture<Void> write(ObjectNode message) {
        byte[] line;
        try {
            line = json.writeValueAsBytes(message); // no raw line break: JSON strings escape theirs
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        lastActivity = System.nanoTime();
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    stdin.write(line);
                    stdin.write('\n');
                    stdin.flush();
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(new IOException("upstream " + upstream.id() + ": the child's stdin is closed"));
                    close("its stdin closed");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            written.completeExceptionally(new IllegalStateException("upstream " + upstream.id() + ": the child was stopped"));
        }
        return written;
    }

    /**
     * One request given no message for the upstream's timeout fails (503 to its caller), and the
     * child is told to cancel it, as the MCP SDKs' clients do; the child and its other requests go on.
     */
    private void arm(SharedStreamRequests.Pending waiting, JsonNode id) {
        requests.bound(vertx, waiting, upstream.timeout(), () -> {
            requests.abandon(waiting, new TimeoutException("upstream " + upstream.id() + " gave no answer within "
                    + upstream.timeout()));
            ObjectNode params = JsonRpc.object().put("reason", "no answer within " + upstream.timeout());
            params.set("requestId", id);
            write(JsonRpc.notification("notifications/cancelled", params));
        });
    }

    private void read() {
        Thread.ofPlatform().daemon().name("mcp-stdio-out-" + process.pid()).start(() -> {
            String ending = readLines(process.getInputStream(), this::line);
            close(ending);
        });
        Thread.ofPlatform().daemon().name("mcp-stdio-err-" + process.pid())
                .start(() -> readLines(process.getErrorStream(), line -> stderr.line(line, session)));
    }

    private void line(String line) {
        if (line.isBlank()) {
            return;
        }
        lastActivity = System.nanoTime();
        List<ObjectNode> messages = JsonRpcBodies.parsed(json, line);
        if (messages.isEmpty()) {
            stderr.notJson(session);
        }
        messages.forEach(requests::route);
    }

    /** Reads lines until end-of-file: why the stream ended, for the log. */
    private static String readLines(InputStream in, Consumer<String> lines) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            for (int read; (read = in.read(chunk)) >= 0;) {
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        line.write(chunk[i]);
                        if (line.size() > MAX_LINE_BYTES) {
                            return "a line of more than " + MAX_LINE_BYTES + " bytes";
                        }
                        continue;
                    }
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
            if (line.size() > 0) {
                lines.accept(line.toString(StandardCharsets.UTF_8));
            }
            return "its stdout ended";
        } catch (IOException e) {
            return "its stdout closed";
        }
    }

    /**
     * No more messages: pending requests fail, and the process gets the shutdown of the MCP
     * lifecycle, on a thread of its own (it waits). Idempotent.
     */
    CompletableFuture<Integer> close(String why) {
        List<SharedStreamRequests.Pending> failed = requests.close();
        if (failed == null) {
            return process.onExit().thenApply(Process::exitValue);
        }
        onClosed.accept(this);
        IllegalStateException ended = new IllegalStateException("upstream " + upstream.id() + ": the child stopped ("
                + why + ")");
        failed.forEach(waiting -> waiting.fail(ended));
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        Thread.ofVirtual().name("mcp-stdio-stop-" + process.pid()).start(() -> {
            int code = shutDown();
            LogFields.log(LOG, Logger.Level.INFO, session, upstream.id(),
                    "MCP stdio %s: child pid %d of session %s stopped (%s), exit code %d", upstream.id(), pid(),
                    StderrLog.name(session), why, code);
            exited.complete(code);
        });
        return exited;
    }

    /** stdin closed; after the bound SIGTERM to the child and what it started; after the bound again SIGKILL. */
    private int shutDown() {
        writer.shutdown();
        try {
            writer.awaitTermination(100, TimeUnit.MILLISECONDS); // a write in progress may finish
            stdin.close();
        } catch (IOException | InterruptedException e) {
            // closed, or not: the signals follow
        }
        Duration bound = stopTimeout;
        if (!exited(bound)) {
            List<ProcessHandle> tree = tree();
            tree.forEach(ProcessHandle::destroy);
            if (!exited(bound)) {
                tree.addAll(tree());
                tree.forEach(ProcessHandle::destroyForcibly);
                exited(bound);
            }
        }
        writer.shutdownNow();
        return process.isAlive() ? -1 : process.exitValue();
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private boolean exited(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
