package io.mcp.sessionstore.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One MCP server the gateway serves at {@code /mcp/<id>}: how to reach it (a URL, or for stdio the
 * command this gateway runs), the headers every call carries (already resolved from the
 * environment: secrets, never logged or stored), and the bound on every call.
 */
public record Upstream(String id, Transport transport, URI url, Map<String, String> headers, Duration timeout,
        StdioCommand stdio, StatelessSessions statelessSessions) {

    /** The upstream sessions behind 2026-07-28 clients (which have none of their own). */
    public enum StatelessSessions {
        /** One per caller (API key or token subject), shared by its requests and opened again when lost. */
        PER_KEY("per-key"),
        /** One per request, ended after it: for an upstream that keeps no state worth sharing, or must not. */
        PER_REQUEST("per-request");

        private final String configName;

        StatelessSessions(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public enum Transport {
        /** MCP Streamable HTTP (2025-03-26 and later). */
        STREAMABLE_HTTP("streamable-http"),
        /** The 2024-11-05 HTTP+SSE transport: GET .../sse, then POSTs to the endpoint it names. */
        SSE("sse"),
        /** A local program the gateway runs, one process per client session, speaking JSON-RPC lines on stdin/stdout. */
        STDIO("stdio");

        private final String configName;

        Transport(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public Upstream {
        headers = Map.copyOf(headers);
        statelessSessions = statelessSessions == null ? StatelessSessions.PER_KEY : statelessSessions;
    }

    /** An upstream reached over HTTP, its 2026-07-28 clients sharing a session per key. */
    public Upstream(String id, Transport transport, URI url, Map<String, String> headers, Duration timeout) {
        this(id, transport, url, headers, timeout, null, StatelessSessions.PER_KEY);
    }

    /** Safe to log: no header values. */
    @Override
    public String toString() {
        if (stdio != null) {
            return "Upstream[id=" + id + ", transport=stdio, " + stdio + ", timeout=" + timeout + "]";
        }
        return "Upstream[id=" + id + ", transport=" + transport.configName() + ", url=" + url.getScheme() + "://"
                + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath() + ", headers="
                + headers.keySet() + ", timeout=" + timeout + "]";
    }
}
