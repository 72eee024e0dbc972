package io.mcp.sessionstore.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a gateway session shows of its upstream (never the upstream's session id): the client's
 * initialize params, the upstream's InitializeResult, how often the upstream was re-initialized, the
 * last upstream error, the setup replayed on a new upstream session (logging level, subscriptions),
 * and when the upstream last lost the session ({@code upstreamReinitializedAt}: the upstream's own
 * in-memory state of the session is gone since, though the client's session went on). Null on
 * sessions that have no upstream.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayState(@JsonRawValue String clientInitialize, @JsonRawValue String upstreamInitializeResult,
        int upstreamGeneration, long upstreamReinitializations, String lastUpstreamError,
        @JsonRawValue String upstreamSetup, java.time.Instant upstreamReinitializedAt) {

    /**
     * The upstream's own state of this session (a stdio child's memory, a server's session) was lost
     * at least once: the client's session went on, on a new upstream session.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("upstreamStateLost")
    public boolean upstreamStateLost() {
        return upstreamReinitializations > 0;
    }
}
