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
    private final StdioUpstream stdio;
    private final SessionService sessions;
    private final UpstreamMetrics metrics;
    private final CallRelay relay;
    private final InFlightCalls calls;
    private final UpstreamTracing tracing;
    private final Map<String, GatewayHandler> handlers = new ConcurrentHashMap<>();

    GatewayHandlers(UpstreamRegistry upstreams, UpstreamClient client, LegacySseUpstream legacy, StdioUpstream stdio,
            SessionService sessions, UpstreamMetrics metrics, CallRelay relay, InFlightCalls calls,
            io.opentelemetry.api.trace.Tracer tracer, io.opentelemetry.api.OpenTelemetry telemetry) {
        this.upstreams = upstreams;
        this.tracing = new UpstreamTracing(tracer, telemetry.getPropagators().getTextMapPropagator());
        this.client = client;
        this.legacy = legacy;
        this.stdio = stdio;
        this.sessions = sessions;
        this.metrics = metrics;
        this.relay = relay;
        this.calls = calls;
    }

    /** Empty when no upstream of that id is configured. */
    Optional<GatewayHandler> find(String serverId) {
        return upstreams.find(serverId).map(upstream -> handlers.computeIfAbsent(serverId, id -> new GatewayHandler(upstream,
                new UpstreamSessions(upstream, client, held(upstream), sessions, upstreams.cipher(), metrics, tracing), sessions,
                upstreams.cipher(), relay, calls)));
    }

    /** Who holds the upstream sessions of a transport that has no session of its own over HTTP. */
    private HeldSessions held(Upstream upstream) {
        return switch (upstream.transport()) {
            case SSE -> legacy;
            case STDIO -> stdio;
            case STREAMABLE_HTTP -> null;
        };
    }

    boolean any() {
        return !upstreams.all().isEmpty();
    }
}
