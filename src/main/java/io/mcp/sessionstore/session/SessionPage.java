package io.mcp.sessionstore.session;

import java.util.List;

/** One page of GET /sessions; {@code nextCursor} is null on the last page. */
public record SessionPage(List<SessionView> items, String nextCursor) {
}
