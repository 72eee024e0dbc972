package io.mcp.sessionstore.gateway;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mcp.sessionstore.mcp.transport.LegacySseTransport;
import io.mcp.sessionstore.mcp.transport.McpReplies;
import io.mcp.sessionstore.mcp.transport.McpRequest;
import io.mcp.sessionstore.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code /mcp/{serverId}/sse} and {@code /mcp/{serverId}/messages}: the legacy HTTP+SSE transport
 * (2024-11-05) for clients that speak only that, in front of the same upstream as {@code /mcp/{serverId}},
 * whatever transport the upstream speaks.
 */
@Path("/mcp/{serverId}")
@Tag(name = "gateway")
public class LegacySseResource {

    private final LegacySseTransport transport;
    private final GatewayHandlers handlers;
    private final Caller caller;

    public LegacySseResource(LegacySseTransport transport, GatewayHandlers handlers, Caller caller) {
        this.transport = transport;
        this.handlers = handlers;
        this.caller = caller;
    }

    /** The stream goes out as it is stored, for as long as the client keeps it open: see McpReplies. */
    @GET
    @Path("sse")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Multi<byte[]> open(@PathParam("serverId") String serverId, @Context HttpHeaders headers) {
        return McpReplies.send(() -> transport.open(McpRequest.of(headers, caller.keyId()),
                GatewayResource.handler(handlers, serverId), "/mcp/" + serverId + "/messages"));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> post(@PathParam("serverId") String serverId, @QueryParam("sessionId") String sessionId,
            String body, @Context HttpHeaders headers) {
        return Uni.createFrom().deferred(() -> transport.post(McpRequest.of(headers, caller.keyId()), sessionId, body,
                GatewayResource.handler(handlers, serverId)));
    }
}
