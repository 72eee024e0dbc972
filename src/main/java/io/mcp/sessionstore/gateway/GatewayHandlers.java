package io.mcp.sessionstore.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.session.SessionService;

/**
 * One handler per configured upstream for the whole process: the re-initializes of a session are
 * shared through it, by the route and by the calls this replica takes over.
 */
@ApplicationScoped
class GatewayHandlers {

    private final UpstreamRegistry upstreams;
    private final UpstreamClient client;
    private final LegacySseUpstream legacy;
    private final SessionService sessions;
    private final UpstreamMetrics metrics;
    private final CallRelay relay;
    private final InFlightCalls calls;
    private final Map<String, GatewayHandler> handlers = new ConcurrentHashMap<>();

    GatewayHandlers(UpstreamRegistry upstreams, UpstreamClient client, LegacySseUpstream legacy, SessionService sessions,
            UpstreamMetrics metrics, CallRelay relay, InFlightCalls calls) {
        this.upstreams = upstreams;
        this.client = client;
        this.legacy = legacy;
        this.sessions = sessions;
        this.metrics = metrics;
        this.relay = relay;
        this.calls = calls;
    }

    /** Empty when no upstream of that id is configured. */
    Optional<GatewayHandler> find(String serverId) {
        return upstreams.find(serverId).map(upstream -> handlers.computeIfAbsent(serverId, id -> new GatewayHandler(upstream,
                new UpstreamSessions(upstream, client, legacy, sessions, upstreams.cipher(), metrics), sessions,
                upstreams.cipher(), relay, calls)));
    }

    boolean any() {
        return !upstreams.all().isEmpty();
    }
}
