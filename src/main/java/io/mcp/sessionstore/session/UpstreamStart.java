package io.mcp.sessionstore.session;

/**
 * What a gateway session starts with: the upstream's session id sealed by the gateway, the client's
 * initialize params and the upstream's InitializeResult (JSON text).
 */
public record UpstreamStart(byte[] sealedSession, String clientInitialize, String upstreamInitializeResult) {
}
