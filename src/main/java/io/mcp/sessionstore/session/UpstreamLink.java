package io.mcp.sessionstore.session;

/**
 * What a gateway session keeps of its upstream session: the upstream's session id, sealed by the
 * gateway (the store never sees it in clear), and the generation of that upstream session (1 after
 * the first initialize, +1 per re-initialize).
 */
public record UpstreamLink(byte[] sealedSession, int generation) {
}
