package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.ServerEverything;

/** The gateway tests' real upstream starts, speaks MCP on loopback only, and is gone when stopped. */
class ServerEverythingTest {

    @Test
    void startWhenInitializedThenSessionIdAndToolsAndStoppedByPid() throws Exception {
        ServerEverything.requireInstalled();
        long pid;
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start()) {
            pid = upstream.pid();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> initialized = http.send(post(upstream.url(), null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                     "capabilities":{},"clientInfo":{"name":"harness","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, initialized.statusCode(), initialized.body());
            String session = initialized.headers().firstValue("mcp-session-id").orElseThrow();
            HttpResponse<String> tools = http.send(post(upstream.url(), session,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"), HttpResponse.BodyHandlers.ofString());
            assertTrue(tools.body().contains("\"echo\""), tools.body());
            assertEquals(java.util.List.of("0100007F"), listeningAddresses(upstream.port()), "bound to 127.0.0.1 only");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped by pid");
    }

    private static HttpRequest post(String url, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return request.build();
    }

    /** The local IPv4 addresses listening on the port, from the kernel's table (no traffic sent). */
    private static java.util.List<String> listeningAddresses(int port) throws java.io.IOException {
        java.nio.file.Path table = java.nio.file.Path.of("/proc/net/tcp");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(table), "needs Linux's /proc/net/tcp");
        String hexPort = String.format(":%04X", port);
        return java.nio.file.Files.readAllLines(table).stream().skip(1).map(String::trim).map(line -> line.split("\\s+"))
                .filter(fields -> fields[3].equals("0A") && fields[1].endsWith(hexPort))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':'))).toList();
    }
}
