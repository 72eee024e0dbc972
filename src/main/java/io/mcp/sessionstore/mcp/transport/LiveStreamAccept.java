package io.mcp.sessionstore.mcp.transport;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * On the gateway's routes, makes application/octet-stream acceptable at the lowest weight, so that
 * JAX-RS matching reaches a method producing it ({@link McpReplies}); the Accept rules of MCP are
 * checked by the transport on what the client sent, which keeps all its types.
 */
public class LiveStreamAccept {

    /** {@code /mcp/<id>}, and {@code /mcp/<id>/sse}, the legacy SSE stream, which is sent the same way. */
    private static final Pattern GATEWAY_ROUTE = Pattern.compile("^/mcp/[^/]+(/sse)?/?$");
    static final String LOWEST = MediaType.APPLICATION_OCTET_STREAM + ";q=0.001";

    @ServerRequestFilter(preMatching = true)
    public void accept(ContainerRequestContext request, HttpServerRequest http) {
        String path = http.path(); // raw, as Vert.x parsed it: UriInfo would decode it for every request
        if (path.startsWith("/mcp/") && GATEWAY_ROUTE.matcher(path).matches()) {
            String accept = request.getHeaderString(HttpHeaders.ACCEPT);
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept == null || accept.isBlank() ? LOWEST
                    : accept + ", " + LOWEST);
        }
    }
}
