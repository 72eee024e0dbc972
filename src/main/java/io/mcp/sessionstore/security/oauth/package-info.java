/**
 * The MCP routes as an OAuth 2.1 resource server (the MCP authorization spec for HTTP transports):
 * {@link io.mcp.sessionstore.security.oauth.OAuthTokens} checks bearer JWTs of the configured issuer
 * and names their subject as an owner; the RFC 9728 metadata that 401 challenges point to. Off unless
 * MCP_OAUTH_ISSUER is set. The security package's filter is its one user.
 */
package io.mcp.sessionstore.security.oauth;
