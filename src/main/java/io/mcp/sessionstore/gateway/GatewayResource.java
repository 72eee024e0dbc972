package io.mcp.sessionstore.gateway;


import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.McpReplies;
import io.mcp.sessionstore.mcp.transport.McpRequest;
import io.mcp.sessionstore.mcp.transport.McpTransport;
import io.mcp.sessionstore.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** {@code /mcp/{serverId}}: the shared Streamable HTTP transport in front of the configured upstream of that id. */
@Path("/mcp/{serverId}")
@Tag(name = "gateway")
public class GatewayResource {

    private final McpTransport transport;
    private final GatewayHandlers handlers;
    private final Caller caller;

    public GatewayResource(McpTransport transport, GatewayHandlers handlers, Caller caller) {
        this.transport = transport;
        this.handlers = handlers;
        this.caller = caller;
    }

    /** Streams go out as they are stored (a long call's progress, live): see McpReplies. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Multi<byte[]> post(@PathParam("serverId") String serverId, String body, @Context HttpHeaders headers) {
        return McpReplies.send(() -> transport.post(McpRequest.of(headers, caller.keyId()), body, handler(serverId)));
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Multi<byte[]> get(@PathParam("serverId") String serverId, @Context HttpHeaders headers) {
        return McpReplies.send(() -> transport.get(McpRequest.of(headers, caller.keyId()), handler(serverId)));
    }

    @DELETE
    public Uni<Response> delete(@PathParam("serverId") String serverId, @Context HttpHeaders headers) {
        return transport.delete(McpRequest.of(headers, caller.keyId()), handler(serverId));
    }

    private GatewayHandler handler(String serverId) {
        return handler(handlers, serverId);
    }

    /** The route's handler; 404 with a JSON-RPC error for an id no upstream is configured as. */
    static GatewayHandler handler(GatewayHandlers handlers, String serverId) {
        return handlers.find(serverId).orElseThrow(() -> new JsonRpcException(404, null,
                JsonRpc.INVALID_REQUEST, "no upstream MCP server is configured as " + serverId + " (MCP_UPSTREAMS)"));
    }
}
