package io.mcp.sessionstore.session;

/** One tool call of a session, as recentToolCalls keeps it (the database stamps the time). */
public record ToolCall(String name, Long durationMs, boolean ok) {
}
