package io.mcp.sessionstore.session;

/**
 * Which sessions a caller may see: the REST API sees every one; an MCP endpoint only those of the
 * API key that created them, on its own route ({@code serverId} of the gateway's upstream, null for
 * the local {@code /mcp}). A session outside the scope is answered as absent.
 */
public record SessionScope(String owner, String serverId, boolean anyServer) {

    public static final SessionScope ANY = new SessionScope(null, null, true);

    public static SessionScope of(String owner, String serverId) {
        return new SessionScope(owner, serverId, false);
    }
}
