package io.mcp.sessionstore.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import io.mcp.sessionstore.common.ExpiredUpstreamLinks;
import io.mcp.sessionstore.session.UpstreamLink;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Expiry ends the upstream session too, as DELETE does: for each gateway session cleanup deleted, a
 * DELETE of its upstream session (404 and 405 are fine; a failure is logged by the handler). An
 * upstream no longer configured has nothing to end.
 */
@ApplicationScoped
class ExpiredUpstreamSessions {

    private static final int AT_ONCE = 4;

    private final GatewayHandlers handlers;

    ExpiredUpstreamSessions(GatewayHandlers handlers) {
        this.handlers = handlers;
    }

    void onExpired(@ObservesAsync ExpiredUpstreamLinks expired) {
        Multi.createFrom().iterable(expired.links())
                .onItem().transformToUni(link -> handlers.find(link.serverId())
                        .map(handler -> handler.ended(link.sessionId(), new UpstreamLink(link.sealed(), 0)))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .merge(AT_ONCE)
                .subscribe().with(ended -> { }); // each ending logs its own failure
    }
}
