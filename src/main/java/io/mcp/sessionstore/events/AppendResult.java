package io.mcp.sessionstore.events;

import java.util.List;

/** The ids of the appended events, in the order the messages were given. */
public record AppendResult(String streamId, List<String> ids) {
}
