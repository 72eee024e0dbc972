package io.mcp.sessionstore.mcp.transport;

import java.util.List;

/** The protocol revisions the MCP endpoints speak, and what differs between them. */
public final class McpProtocol {

    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_11_25 = "2025-11-25";
    /** Stateless: no sessions, no initialize, no GET stream, no resumption. */
    public static final String V2026_07_28 = "2026-07-28";

    public static final List<String> SESSION_VERSIONS = List.of(V2025_03_26, V2025_06_18, V2025_11_25);
    public static final List<String> ALL_VERSIONS = List.of(V2025_03_26, V2025_06_18, V2025_11_25, V2026_07_28);
    public static final String LATEST_WITH_SESSIONS = V2025_11_25;

    /** 2026-07-28: where every request declares its protocol version. */
    public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

    private McpProtocol() {
    }

    /** The client's version when it is one of ours, else our latest (the client then decides). */
    public static String negotiate(String requested) {
        return SESSION_VERSIONS.contains(requested) ? requested : LATEST_WITH_SESSIONS;
    }

    /** 2025-11-25 streams open with a priming event (an id, empty data) and a retry field. */
    public static boolean primesStreams(String version) {
        return version != null && version.compareTo(V2025_11_25) >= 0;
    }
}
