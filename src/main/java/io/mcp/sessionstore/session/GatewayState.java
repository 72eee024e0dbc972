package io.mcp.sessionstore.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a gateway session shows of its upstream (never the upstream's session id): the client's
 * initialize params, the upstream's InitializeResult, how often the upstream was re-initialized, the
 * last upstream error, and the setup replayed on a new upstream session (logging level, subscriptions). Null on sessions that have no upstream.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayState(@JsonRawValue String clientInitialize, @JsonRawValue String upstreamInitializeResult,
        int upstreamGeneration, long upstreamReinitializations, String lastUpstreamError,
        @JsonRawValue String upstreamSetup) {
}
