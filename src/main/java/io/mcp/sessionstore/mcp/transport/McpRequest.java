package io.mcp.sessionstore.mcp.transport;

import jakarta.ws.rs.core.HttpHeaders;

/** The headers of an MCP request that the transport reads, and the API key it was authenticated with. */
public record McpRequest(String owner, String origin, String host, String accept, String contentType,
        String sessionId, String protocolVersion, String userAgent, String mcpMethod, String mcpName,
        String lastEventId) {

    public static final String SESSION_HEADER = "Mcp-Session-Id";
    public static final String VERSION_HEADER = "MCP-Protocol-Version";
    public static final String LAST_EVENT_ID = "Last-Event-ID";
    public static final String METHOD_HEADER = "Mcp-Method";
    public static final String NAME_HEADER = "Mcp-Name";

    public static McpRequest of(HttpHeaders headers, String owner) {
        return new McpRequest(owner, headers.getHeaderString("Origin"), headers.getHeaderString(HttpHeaders.HOST),
                headers.getHeaderString(HttpHeaders.ACCEPT), headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                trimmed(headers.getHeaderString(SESSION_HEADER)), trimmed(headers.getHeaderString(VERSION_HEADER)),
                headers.getHeaderString(HttpHeaders.USER_AGENT), headers.getHeaderString(METHOD_HEADER),
                headers.getHeaderString(NAME_HEADER), trimmed(headers.getHeaderString(LAST_EVENT_ID)));
    }

    /**
     * A legacy SSE client's POST as the transport takes it: the session its endpoint URL names, and no
     * protocol header (the session's version is the one initialize chose; 2024-11-05 is none of ours).
     */
    public McpRequest inChannel(String channelSessionId) {
        return new McpRequest(owner, origin, host, accept, contentType, trimmed(channelSessionId), null, userAgent,
                null, null, null);
    }

    /** Whether this request declares the stateless revision. */
    public boolean stateless() {
        return McpProtocol.V2026_07_28.equals(protocolVersion);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
