package io.mcp.sessionstore.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The event store. Environment variables: see ConfigAliases. */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    /** Events kept per session (all streams); the oldest go beyond it. Env: MAX_EVENTS_PER_SESSION. */
    @WithName("max-per-session")
    @WithDefault("1000")
    int maxPerSession();

    /** Whether stored messages are deflated (new events; old ones read either way). Env: SESSION_COMPRESSION. */
    @WithDefault("true")
    boolean compression();
}
