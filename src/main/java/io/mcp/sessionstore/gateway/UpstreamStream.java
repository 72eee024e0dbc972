package io.mcp.sessionstore.gateway;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** An upstream's answer to a POST as it comes: status and session id, then its messages one by one. */
record UpstreamStream(int status, String sessionId, Multi<UpstreamMessage> messages) {

    /** A stream checked for a lost session: {@code stream} is still readable either way. */
    record Checked(boolean sessionLost, UpstreamStream stream) {
    }

    /**
     * Whether the upstream no longer knows the session ({@link UpstreamReply#sessionLost}). A 404 or
     * 400 has a small body, read whole to tell (and kept for the caller); any other answer is left to
     * stream.
     */
    Uni<Checked> checkedForLoss() {
        if (status != 404 && status != 400) {
            return Uni.createFrom().item(new Checked(false, this));
        }
        return messages.collect().asList().map(read -> new Checked(
                new UpstreamReply(status, sessionId, read.stream().map(UpstreamMessage::message).toList()).sessionLost(),
                new UpstreamStream(status, sessionId, Multi.createFrom().iterable(List.copyOf(read)))));
    }
}
