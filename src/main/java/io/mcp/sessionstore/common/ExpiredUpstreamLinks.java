package io.mcp.sessionstore.common;

import java.util.List;

/**
 * Gateway sessions that cleanup deleted (expired), with what they kept of their upstream session:
 * fired after the deleting transaction committed, for the gateway to end those upstream sessions.
 * {@code sealed} is the upstream session id as the gateway sealed it: opaque to everyone else.
 */
public record ExpiredUpstreamLinks(List<Link> links) {

    public record Link(String sessionId, String serverId, byte[] sealed) {
    }

    public ExpiredUpstreamLinks {
        links = List.copyOf(links);
    }
}
