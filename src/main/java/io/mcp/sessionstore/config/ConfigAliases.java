package io.mcp.sessionstore.config;

import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.Priorities;
import io.smallrye.config.RelocateConfigSourceInterceptor;

/**
 * The environment variables whose names are not their property's name in SmallRye's mapping
 * (SESSION_TTL is session.ttl by itself; MCP_AGGRESSIVE_CLEANUP is not cleanup.aggressive). Each
 * property is looked up under its variable too, and the value from the higher-ordinal source wins,
 * so the variable beats application.properties and the default, which is written once, in the
 * property's {@code @WithDefault}.
 */
public class ConfigAliases implements ConfigSourceInterceptorFactory {

    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("db.timeout", "SESSION_DB_TIMEOUT"),
            Map.entry("db.batching", "SESSION_DB_BATCHING"),
            Map.entry("db.batch-max", "SESSION_DB_BATCH_MAX"),
            Map.entry("auth.api-keys", "MCP_API_KEYS"),
            Map.entry("auth.client-keys", "MCP_CLIENT_KEYS"),
            Map.entry("auth.enabled", "MCP_AUTH_ENABLED"),
            Map.entry("events.max-per-session", "MAX_EVENTS_PER_SESSION"),
            Map.entry("events.compression", "SESSION_COMPRESSION"),
            Map.entry("events.follow-poll-interval", "MCP_STREAM_POLL_INTERVAL"),
            Map.entry("events.follow-max", "MCP_STREAM_FOLLOW_MAX"),
            Map.entry("events.listen", "MCP_STREAM_LISTEN"),
            Map.entry("health.metrics-interval", "SESSION_METRICS_INTERVAL"),
            Map.entry("cleanup.interval", "SESSION_CLEANUP_INTERVAL"),
            Map.entry("cleanup.aggressive", "MCP_AGGRESSIVE_CLEANUP"),
            Map.entry("cleanup.aggressive-interval", "SESSION_AGGRESSIVE_CLEANUP_INTERVAL"),
            Map.entry("cleanup.initial-delay", "SESSION_CLEANUP_INITIAL_DELAY"),
            Map.entry("cleanup.grace", "SESSION_CLEANUP_GRACE"),
            Map.entry("cleanup.batch-size", "SESSION_CLEANUP_BATCH_SIZE"),
            Map.entry("cleanup.pause-ratio", "SESSION_CLEANUP_PAUSE_RATIO"),
            Map.entry("gateway.upstreams", "MCP_UPSTREAMS"),
            Map.entry("gateway.upstreams-file", "MCP_UPSTREAMS_FILE"),
            Map.entry("gateway.keys", "MCP_GATEWAY_KEY"),
            Map.entry("gateway.call-lease", "MCP_GATEWAY_CALL_LEASE"),
            Map.entry("gateway.live-after", "MCP_GATEWAY_LIVE_AFTER"),
            Map.entry("gateway.replica-url", "MCP_GATEWAY_REPLICA_URL"),
            Map.entry("gateway.stdio.max-processes", "MCP_STDIO_MAX_PROCESSES"),
            Map.entry("gateway.stdio.idle-timeout", "MCP_STDIO_IDLE_TIMEOUT"),
            Map.entry("gateway.stdio.stop-timeout", "MCP_STDIO_STOP_TIMEOUT"),
            Map.entry("tracing.record", "MCP_TRACING"));

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        return new RelocateConfigSourceInterceptor(name -> VARIABLES.getOrDefault(name, name));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(Priorities.LIBRARY + 300);
    }
}
