package io.mcp.sessionstore.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Probes and the health report. Environment variables in application.properties. */
@ConfigMapping(prefix = "health")
public interface HealthConfig {

    enum DbProbe {
        /** Readiness queries the database (cached for {@link #dbProbeCache()}). */
        ACTIVE,
        /** Readiness trusts the outcome of recent database work; it queries only after a failure. */
        PASSIVE
    }

    /** How readiness judges the database. Env: HEALTH_DB_PROBE (active or passive). */
    @WithName("db-probe")
    @WithDefault("active")
    DbProbe dbProbe();

    /** How long an active probe result is reused. Env: HEALTH_DB_PROBE_CACHE. */
    @WithName("db-probe-cache")
    @WithDefault("5s")
    Duration dbProbeCache();

    /** Longest the probe and /session-health wait for the database. Env: HEALTH_DB_TIMEOUT. */
    @WithName("db-timeout")
    @WithDefault("2s")
    Duration dbTimeout();

    /** Longest the active-sessions gauge goes without a recount. Env: SESSION_METRICS_INTERVAL. */
    @WithName("metrics-interval")
    @WithDefault("60s")
    Duration metricsInterval();
}
