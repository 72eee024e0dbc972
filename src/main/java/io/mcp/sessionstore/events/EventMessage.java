package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;

/**
 * One message of a stream as the store takes it: the UTF-8 bytes of a JSON-RPC message, serialised
 * once by whoever sends it (the same bytes are stored and sent), or none for a priming event.
 */
public record EventMessage(byte[] json) {

    private static final EventMessage PRIMING = new EventMessage(null);

    public static EventMessage priming() {
        return PRIMING;
    }

    public static EventMessage of(String json) {
        return json == null ? PRIMING : new EventMessage(json.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isPriming() {
        return json == null;
    }

    public int size() {
        return json == null ? 0 : json.length;
    }
}
