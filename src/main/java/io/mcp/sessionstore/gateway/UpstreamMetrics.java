package io.mcp.sessionstore.gateway;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;

import io.mcp.sessionstore.common.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * Per-upstream figures at /q/metrics: every call's latency by outcome ({@code ok}, {@code error} for
 * a 5xx, {@code unavailable} when it could not be reached or did not answer in time) and the
 * re-initializations of lost upstream sessions.
 */
@ApplicationScoped
public class UpstreamMetrics {

    static final String REINITIALIZATIONS = "mcp.gateway.upstream.reinitializations";

    private final MeterRegistry registry;
    private final UpstreamStatus status;
    private final UpstreamRegistry upstreams;

    public UpstreamMetrics(MeterRegistry registry, UpstreamStatus status, UpstreamRegistry upstreams) {
        this.registry = registry;
        this.status = status;
        this.upstreams = upstreams;
    }

    /**
     * Each configured upstream's re-initialization counter is there at 0 from the start (after the
     * registry has read the upstreams): a dashboard's rate() and an alert see the series before the
     * first loss, not only after it.
     */
    void onStart(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) StartupEvent event) {
        upstreams.all().forEach(upstream -> reinitializations(upstream.id()));
    }

    void called(String upstream, String outcome, long nanos) {
        Timer.builder(GatewayMeters.UPSTREAM_CALLS).description("Calls from the gateway to an upstream MCP server")
                .tag(GatewayMeters.UPSTREAM_TAG, upstream).tag(GatewayMeters.OUTCOME_TAG, outcome).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        status.called(upstream, outcome);
    }

    void reinitialized(String upstream) {
        reinitializations(upstream).increment();
    }

    private Counter reinitializations(String upstream) {
        return Counter.builder(REINITIALIZATIONS)
                .description("Upstream sessions the gateway re-initialized after the upstream lost them")
                .tag(GatewayMeters.UPSTREAM_TAG, upstream).register(registry);
    }
}
