package io.mcp.sessionstore.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Session settings; each property is also an environment variable (SESSION_TTL, ...). */
@ConfigMapping(prefix = "session")
public interface SessionConfig {

    /** Default sliding time-to-live of a session, in seconds (60 to 2,592,000). Env: SESSION_TTL. */
    @WithDefault("3600")
    int ttl();

    /** How many recent tool calls a session keeps, newest last. Env: SESSION_MAX_TOOL_CALLS. */
    @WithName("max-tool-calls")
    @WithDefault("100")
    int maxToolCalls();
}
