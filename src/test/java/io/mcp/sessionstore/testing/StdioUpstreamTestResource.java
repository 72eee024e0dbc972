package io.mcp.sessionstore.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stdio upstream "local": server-everything in stdio mode, one child per client session, run by
 * the gateway under test; at most {@link #MAX_PROCESSES} of them.
 */
public class StdioUpstreamTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ID = "local";
    public static final int MAX_PROCESSES = 2;
    /** The gateway's key, known to the tests too: they open the links it seals and make the replica token. */
    public static final String GATEWAY_KEY = io.mcp.sessionstore.gateway.SessionCipher.newKey();

    /**
     * The MCP_UPSTREAMS entry: the same command a user would write, with node from the PATH; each
     * 2026-07-28 request gets a child of its own.
     */
    public static String upstreams() {
        return "[{\"id\":\"" + ID + "\",\"transport\":\"stdio\",\"command\":[\"node\",\""
                + ServerEverything.ENTRY.toAbsolutePath() + "\",\"stdio\"],\"env\":{\"MCP_TEST_CHILD\":\"yes\"},"
                + "\"timeout\":\"20s\",\"statelessSessions\":\"per-request\"}]";
    }

    /** The servers (server-everything in stdio mode, not their guards) among the descendants of a process. */
    public static List<ProcessHandle> children(ProcessHandle parent) {
        return parent.descendants().filter(child -> {
            String command = child.info().commandLine().orElse("");
            return command.contains(ServerEverything.ENTRY.getFileName() + " stdio") && !command.contains("mcp-stdio-guard");
        }).toList();
    }

    protected String idleTimeout() {
        return "10m";
    }

    @Override
    public Map<String, String> start() {
        ServerEverything.requireInstalledOrFail();
        return Map.of("gateway.upstreams", upstreams(), "gateway.keys", GATEWAY_KEY,
                "gateway.stdio.max-processes", String.valueOf(MAX_PROCESSES), "gateway.stdio.idle-timeout", idleTimeout(),
                "gateway.stdio.stop-timeout", "2s");
    }

    @Override
    public void stop() {
        // the gateway stops its children itself when it stops
    }

    /** Children idle for a second are stopped. */
    public static class Idle extends StdioUpstreamTestResource {
        @Override
        protected String idleTimeout() {
            return "1s";
        }
    }
}
