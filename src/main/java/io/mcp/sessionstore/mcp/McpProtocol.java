package io.mcp.sessionstore.mcp;

import java.util.List;

/** The protocol revisions /mcp speaks, and what differs between them. */
final class McpProtocol {

    static final String V2025_03_26 = "2025-03-26";
    static final String V2025_06_18 = "2025-06-18";
    static final String V2025_11_25 = "2025-11-25";
    /** Stateless: no sessions, no initialize, no GET stream, no resumption. */
    static final String V2026_07_28 = "2026-07-28";

    static final List<String> SESSION_VERSIONS = List.of(V2025_03_26, V2025_06_18, V2025_11_25);
    static final List<String> ALL_VERSIONS = List.of(V2025_03_26, V2025_06_18, V2025_11_25, V2026_07_28);
    static final String LATEST_WITH_SESSIONS = V2025_11_25;

    /** 2026-07-28: where every request declares its protocol version. */
    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

    static final String SERVER_NAME = "mcp-session-store";
    static final String SERVER_VERSION = "1.0.0";

    private McpProtocol() {
    }

    /** The client's version when it is one of ours, else our latest (the client then decides). */
    static String negotiate(String requested) {
        return SESSION_VERSIONS.contains(requested) ? requested : LATEST_WITH_SESSIONS;
    }

    /** 2025-11-25 streams open with a priming event (an id, empty data) and a retry field. */
    static boolean primesStreams(String version) {
        return version != null && version.compareTo(V2025_11_25) >= 0;
    }
}
