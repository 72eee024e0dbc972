package io.mcp.sessionstore.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * Upstream sessions that are a connection some gateway process holds (a legacy SSE stream, a stdio
 * child), keyed by what the gateway stores as the upstream session id. Unlike Streamable HTTP there
 * is no resumable stream and no standalone GET: whatever the upstream sends goes to the session's
 * pending requests.
 */
interface HeldSessions {

    /**
     * A message on the session {@code key} names (null or empty with initialize: a new one, for the
     * client session {@code clientSession}, null when it has none yet or none at all).
     */
    Uni<UpstreamReply> post(Upstream upstream, String key, ObjectNode message, String clientSession);

    /** A request whose answer is relayed as it comes; anything else as {@link #post}. */
    Uni<UpstreamStream> postStreaming(Upstream upstream, String key, ObjectNode message);

    /** Ends the session; 404 when nobody holds it. */
    Uni<Integer> delete(Upstream upstream, String key);
}
