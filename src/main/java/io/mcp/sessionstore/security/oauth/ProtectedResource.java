package io.mcp.sessionstore.security.oauth;

import java.net.URI;
import java.util.List;

/**
 * The gateway as an OAuth protected resource (RFC 9728): its identifier is the configured audience,
 * and each MCP route is a resource of its own under it ({@code <audience>/mcp/<serverId>}), since a
 * client asks for a token for the MCP server URL it connects to (RFC 8707).
 */
record ProtectedResource(String audience, String base, String authorizationServer) {

    /** Checked at start: the audience is the URL clients reach the gateway at (and the 401 points under). */
    static ProtectedResource of(String audience, String authorizationServer) {
        URI uri;
        try {
            uri = new URI(audience);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("MCP_OAUTH_AUDIENCE is not a URL: " + audience);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("MCP_OAUTH_AUDIENCE must be the gateway's public URL "
                    + "(https://mcp.example.com), without query or fragment: " + audience);
        }
        return new ProtectedResource(audience, audience.replaceAll("/+$", ""), authorizationServer);
    }

    /** The identifier of a route's resource; the gateway's own for the root document (route null). */
    String resourceOf(String route) {
        return route == null ? audience : base + route;
    }

    /** Where a client finds the metadata of a route (RFC 9728 section 3.1: the path goes after the well-known part). */
    String metadataUrl(String route) {
        return base + OAuthTokens.METADATA_PATH + (route == null ? "" : route);
    }

    /** Whether a token naming this audience is meant for this route: the gateway's URL, or the route's own. */
    boolean accepts(String tokenAudience, String route) {
        return tokenAudience.equals(audience) || tokenAudience.equals(base)
                || (route != null && tokenAudience.equals(base + route));
    }

    ProtectedResourceMetadata metadata(String route) {
        return new ProtectedResourceMetadata(resourceOf(route), List.of(authorizationServer), List.of("header"));
    }
}
