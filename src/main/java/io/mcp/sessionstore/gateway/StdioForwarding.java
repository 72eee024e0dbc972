package io.mcp.sessionstore.gateway;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * The replica side of a stdio child that runs on another replica: its messages go to the owner's
 * {@link StdioForwardRoute} as Streamable HTTP, the child's key as the session id, authenticated by
 * the replica token (only processes sharing MCP_GATEWAY_KEY have it).
 */
@ApplicationScoped
class StdioForwarding {

    private final UpstreamClient client;
    private final UpstreamRegistry registry;

    StdioForwarding(UpstreamClient client, UpstreamRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    Uni<UpstreamReply> post(StdioOwners.Owner owner, Upstream upstream, String key, ObjectNode message) {
        return client.post(at(owner, upstream), key, null, message, UpstreamTracing.headersOf(message));
    }

    Uni<UpstreamStream> postStreaming(StdioOwners.Owner owner, Upstream upstream, String key, ObjectNode message) {
        return client.postStreaming(at(owner, upstream), key, null, message, UpstreamTracing.headersOf(message));
    }

    Uni<Integer> delete(StdioOwners.Owner owner, Upstream upstream, String key) {
        return client.delete(at(owner, upstream), key, null);
    }

    /** The owner's route for this upstream, as an upstream of its own: same id and timeout, the token as its header. */
    private Upstream at(StdioOwners.Owner owner, Upstream upstream) {
        return new Upstream(upstream.id(), Upstream.Transport.STREAMABLE_HTTP,
                URI.create(owner.url() + StdioForwardRoute.PATH + upstream.id()),
                Map.of(StdioForwardRoute.TOKEN_HEADER, registry.cipher().replicaToken()), upstream.timeout());
    }
}
