package io.mcp.sessionstore.session;

import java.util.List;

/** A session created with its first stream: the session and the ids of that stream's events. */
public record Created(SessionView session, List<String> eventIds) {
}
