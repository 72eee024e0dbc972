package io.mcp.sessionstore.gateway;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.common.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-upstream figures at /q/metrics: every call's latency by outcome ({@code ok}, {@code error} for
 * a 5xx, {@code unavailable} when it could not be reached or did not answer in time) and the
 * re-initializations of lost upstream sessions.
 */
@ApplicationScoped
public class UpstreamMetrics {

    private final MeterRegistry registry;
    private final UpstreamStatus status;

    public UpstreamMetrics(MeterRegistry registry, UpstreamStatus status) {
        this.registry = registry;
        this.status = status;
    }

    void called(String upstream, String outcome, long nanos) {
        Timer.builder(GatewayMeters.UPSTREAM_CALLS).description("Calls from the gateway to an upstream MCP server")
                .tag(GatewayMeters.UPSTREAM_TAG, upstream).tag(GatewayMeters.OUTCOME_TAG, outcome).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        status.called(upstream, outcome);
    }

    void reinitialized(String upstream) {
        Counter.builder("mcp.gateway.upstream.reinitializations")
                .description("Upstream sessions the gateway re-initialized after the upstream lost them")
                .tag("upstream", upstream).register(registry).increment();
    }
}
