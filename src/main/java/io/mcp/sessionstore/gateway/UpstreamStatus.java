package io.mcp.sessionstore.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.common.GatewayMeters;

/**
 * The gateway's façade for the status page and /session-health: every configured upstream with the
 * state this replica last saw of it. A state comes from real calls, never from a probe of its own: an
 * upstream nobody called since this replica started is {@code unknown}.
 */
@ApplicationScoped
public class UpstreamStatus {

    /** The last call answered below 500. */
    public static final String UP = "up";
    /** The last call answered with a 5xx. */
    public static final String FAILING = "failing";
    /** The last call could not reach the upstream or got no answer in time. */
    public static final String DOWN = "down";
    /** No call since this replica started. */
    public static final String UNKNOWN = "unknown";

    /** One upstream as this replica sees it; the times are null until the first call (or failure). */
    public record State(String id, String transport, String state, Instant lastCallAt, Instant lastFailureAt) {
    }

    private record Seen(String state, Instant lastCallAt, Instant lastFailureAt) {
    }

    private final UpstreamRegistry registry;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public UpstreamStatus(UpstreamRegistry registry) {
        this.registry = registry;
    }

    /** The configured upstreams, in configuration order. */
    public List<State> upstreams() {
        return registry.all().stream().map(upstream -> {
            Seen last = seen.get(upstream.id());
            return last == null
                    ? new State(upstream.id(), upstream.transport().configName(), UNKNOWN, null, null)
                    : new State(upstream.id(), upstream.transport().configName(), last.state(), last.lastCallAt(),
                            last.lastFailureAt());
        }).toList();
    }

    void called(String upstream, String outcome) {
        Instant now = Instant.now();
        String state = switch (outcome) {
            case GatewayMeters.OK -> UP;
            case "error" -> FAILING;
            default -> DOWN;
        };
        seen.compute(upstream, (id, before) -> new Seen(state, now,
                state.equals(UP) ? (before == null ? null : before.lastFailureAt()) : now));
    }
}
