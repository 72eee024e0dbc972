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

    /**
     * The longest a follower of a stream still being written waits between two reads when no wake-up
     * came (no LISTEN, or a NOTIFY lost with a connection). Env: MCP_STREAM_POLL_INTERVAL.
     */
    @WithName("follow-poll-interval")
    @WithDefault("1s")
    java.time.Duration followPollInterval();

    /**
     * How long one GET or POST stream follows a response still being written before it ends, and
     * the client resumes it with Last-Event-ID. Env: MCP_STREAM_FOLLOW_MAX.
     */
    @WithName("follow-max")
    @WithDefault("5m")
    java.time.Duration followMax();

    /**
     * Whether replicas wake each other with LISTEN/NOTIFY; off, a follower reads every poll interval.
     * LISTEN needs a session of its own: behind a transaction-mode pooler it goes to
     * DATABASE_URL_UNPOOLED. Env: MCP_STREAM_LISTEN.
     */
    @WithDefault("true")
    boolean listen();
}
