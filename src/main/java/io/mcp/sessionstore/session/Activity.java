package io.mcp.sessionstore.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What one request brought a session: counters to add, tool calls to append (in order), and
 * whether it completed the MCP handshake (notifications/initialized).
 */
public record Activity(long requests, long toolCalls, long errors, List<ToolCall> calls, boolean initialized) {

    public Activity {
        calls = List.copyOf(calls);
    }

    /** No message: the session is only kept alive (a legacy SSE client's stream is open). */
    public static Activity none() {
        return new Activity(0, 0, 0, List.of(), false);
    }

    /** One message that was neither a tool call nor an error. */
    public static Activity oneRequest() {
        return new Activity(1, 0, 0, List.of(), false);
    }

    public static Activity handshakeCompleted() {
        return new Activity(1, 0, 0, List.of(), true);
    }

    public static Activity error() {
        return new Activity(1, 0, 1, List.of(), false);
    }

    public static Activity toolCall(ToolCall call) {
        return new Activity(1, 1, call.ok() ? 0 : 1, List.of(call), false);
    }

    /** Both requests' activity as one (a batch of messages in one POST). */
    public Activity plus(Activity other) {
        List<ToolCall> all = new ArrayList<>(calls);
        all.addAll(other.calls);
        return new Activity(requests + other.requests, toolCalls + other.toolCalls, errors + other.errors, all,
                initialized || other.initialized);
    }
}
