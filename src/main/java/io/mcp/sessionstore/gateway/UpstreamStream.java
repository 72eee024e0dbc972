package io.mcp.sessionstore.gateway;

import io.smallrye.mutiny.Multi;

/** An upstream's answer to a POST as it comes: status and session id, then its messages one by one. */
record UpstreamStream(int status, String sessionId, Multi<UpstreamMessage> messages) {
}
