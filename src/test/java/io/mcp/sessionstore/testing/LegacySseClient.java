package io.mcp.sessionstore.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The TypeScript SDK's legacy SSE client (src/test/node/legacy-sse-client.mjs: its SSEClientTransport
 * and Client) as a process the test drives: a JSON command per line on stdin, a JSON report per line
 * on stdout, kept in order. Started and stopped by pid.
 */
public final class LegacySseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = ServerEverything.NODE_DIR.resolve("legacy-sse-client.mjs");

    private final Process process;
    private final Writer commands;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final StringBuilder stderr = new StringBuilder();

    private LegacySseClient(Process process) {
        this.process = process;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(this::read);
        Thread.ofVirtual().start(() -> {
            try {
                String text = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (stderr) {
                    stderr.append(text);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
    }

    /**
     * {@code resume}: whether the client sends Last-Event-ID when its stream reconnects (the SDK itself
     * does not: see the script).
     */
    public static LegacySseClient start(String sseUrl, String apiKey, boolean resume) {
        ServerEverything.requireInstalled();
        if (!Files.exists(SCRIPT)) {
            throw new IllegalStateException(SCRIPT + " is missing");
        }
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), sseUrl, apiKey,
                resume ? "last-event-id" : "none");
        builder.directory(ServerEverything.NODE_DIR.toFile());
        try {
            return new LegacySseClient(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command (a JSON object). */
    public void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client process is gone: " + stderr(), e);
        }
    }

    /** The first report (in order, from the start) that matches, within the deadline. */
    public JsonNode await(String what, Duration within, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (JsonNode report : reports) {
                if (wanted.test(report)) {
                    return report;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what + "; reports: " + reports
                        + "; stderr: " + stderr());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the poll interval
        }
    }

    /** The first report of this op (and, when given, this id). */
    public JsonNode await(String op, String id, Duration within) {
        return await(op + (id == null ? "" : " " + id), within, report -> report.path("op").asText().equals(op)
                && (id == null || report.path("id").asText().equals(id)));
    }

    public List<JsonNode> reports() {
        return List.copyOf(reports);
    }

    public List<JsonNode> reports(String op) {
        return reports.stream().filter(report -> report.path("op").asText().equals(op)).toList();
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                reports.add(JSON.readTree(line));
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    @Override
    public void close() {
        try {
            commands.close(); // the script exits when its stdin ends
        } catch (IOException ignored) {
            // already gone
        }
        Processes.stop(process);
    }
}
