/**
 * The service's own MCP server at {@code /mcp}: a {@link io.mcp.sessionstore.mcp.transport.McpHandler}
 * over the tools of the {@link io.mcp.sessionstore.mcp.server.ToolRegistry}. Each tool is a bean of
 * its own; registering one is writing it.
 */
package io.mcp.sessionstore.mcp.server;
