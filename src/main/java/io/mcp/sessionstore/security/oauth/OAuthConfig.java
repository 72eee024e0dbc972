package io.mcp.sessionstore.security.oauth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * OAuth 2.1 access tokens on the MCP routes. Env: MCP_OAUTH_ISSUER, MCP_OAUTH_AUDIENCE,
 * MCP_OAUTH_JWKS_URL, MCP_OAUTH_AUTHORIZATION_SERVER, MCP_OAUTH_CLOCK_SKEW (each its property's name).
 * Read at run time only: the same build runs with OAuth on or off.
 */
@ConfigMapping(prefix = "mcp.oauth")
public interface OAuthConfig {

    /**
     * The authorization server whose access tokens (JWTs) open the MCP routes, exactly as its tokens
     * name it in {@code iss}. Unset: OAuth is off, and a bearer token is only ever an API key.
     */
    Optional<String> issuer();

    /**
     * The gateway's public URL (https://mcp.example.com): the audience a token must name in {@code aud}
     * (or the URL of the route it is sent to, https://mcp.example.com/mcp/<serverId>), the resource of
     * the protected-resource metadata, and the base of the URL the 401 challenge points to. Required
     * with an issuer.
     */
    Optional<String> audience();

    /** Where the issuer's signing keys are (a JWK Set). Unset: {@code <issuer>/.well-known/jwks.json}. */
    Optional<String> jwksUrl();

    /** The authorization server the metadata names for clients to get tokens from. Unset: the issuer. */
    Optional<String> authorizationServer();

    /** How far a token's {@code exp} and {@code iat} may be off this replica's clock. */
    @WithDefault("30s")
    Duration clockSkew();
}
