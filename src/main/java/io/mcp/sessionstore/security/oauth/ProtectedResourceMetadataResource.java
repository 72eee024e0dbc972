package io.mcp.sessionstore.security.oauth;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mcp.sessionstore.problem.Problem;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.problem.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * The protected-resource metadata (RFC 9728) MCP clients read after a 401 to learn where to get a
 * token: the gateway's own document, and one per MCP route at the route's path after the well-known
 * part. Open to anyone, like any discovery document; 404 while OAuth is off.
 */
@Path(OAuthTokens.METADATA_PATH)
@Tag(name = "oauth")
@Produces(MediaType.APPLICATION_JSON)
public class ProtectedResourceMetadataResource {

    private final OAuthTokens tokens;

    public ProtectedResourceMetadataResource(OAuthTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    public Uni<ProtectedResourceMetadata> gateway() {
        return Uni.createFrom().item(() -> document(null));
    }

    @GET
    @Path("{route: mcp(/[^/]+)?}")
    public Uni<ProtectedResourceMetadata> route(@PathParam("route") @Encoded String route) {
        return Uni.createFrom().item(() -> document("/" + route));
    }

    private ProtectedResourceMetadata document(String route) {
        return tokens.metadata(route).orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NOT_FOUND,
                "OAuth is off on this gateway (MCP_OAUTH_ISSUER is not set): send an API key")));
    }
}
