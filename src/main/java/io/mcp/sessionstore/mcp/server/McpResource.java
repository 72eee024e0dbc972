package io.mcp.sessionstore.mcp.server;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mcp.sessionstore.mcp.transport.McpRequest;
import io.mcp.sessionstore.mcp.transport.McpTransport;
import io.mcp.sessionstore.security.Caller;
import io.smallrye.mutiny.Uni;

/** {@code /mcp}: the shared Streamable HTTP transport in front of the local tools. */
@Path("/mcp")
@Tag(name = "mcp")
public class McpResource {

    private final McpTransport transport;
    private final LocalToolsHandler handler;
    private final Caller caller;

    public McpResource(McpTransport transport, LocalToolsHandler handler, Caller caller) {
        this.transport = transport;
        this.handler = handler;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Uni<Response> post(String body, @Context HttpHeaders headers) {
        return transport.post(McpRequest.of(headers, caller.keyId()), body, handler);
    }

    @GET
    @Produces(MediaType.WILDCARD)
    public Uni<Response> get(@Context HttpHeaders headers) {
        return transport.get(McpRequest.of(headers, caller.keyId()), handler);
    }

    @DELETE
    public Uni<Response> delete(@Context HttpHeaders headers) {
        return transport.delete(McpRequest.of(headers, caller.keyId()), handler);
    }
}
