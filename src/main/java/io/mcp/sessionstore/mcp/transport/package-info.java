/**
 * MCP Streamable HTTP, shared by every MCP endpoint of the service: each POST parsed once into a
 * typed {@link io.mcp.sessionstore.mcp.transport.JsonRpcMessage}, the session, header, Host and
 * Origin rules, stored SSE streams (every event is in the event store before it is sent),
 * {@code Last-Event-ID} resumption and the stateless 2026-07-28 revision. What a message means is the
 * business of the {@link io.mcp.sessionstore.mcp.transport.McpHandler} the route hands it to: the
 * transport knows no tool, resource or upstream.
 */
package io.mcp.sessionstore.mcp.transport;
