package io.mcp.sessionstore.mcp.transport;

import io.mcp.sessionstore.common.Ids;
import io.mcp.sessionstore.events.EventId;

/**
 * The id of an event on a legacy SSE stream: {@code <session id>.<event id>}, the stored event's own
 * id ({@link EventId}: its place in the session and its stream) after the session's, or
 * {@code <session id>.0} before the session's first event (the endpoint event of a new stream). A
 * client that reconnects with it as Last-Event-ID names both its session and where it was.
 */
record LegacyEventId(String sessionId, EventId event) {

    private static final String START = "0";

    static LegacyEventId start(String sessionId) {
        return new LegacyEventId(sessionId, null);
    }

    /** Null when the text is not an id this transport hands out. */
    static LegacyEventId parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot < 1 || Ids.problemWith("session id", text.substring(0, dot)) != null) {
            return null;
        }
        String sessionId = text.substring(0, dot);
        String rest = text.substring(dot + 1);
        if (rest.equals(START)) {
            return start(sessionId);
        }
        EventId event = EventId.parse(rest);
        return event == null ? null : new LegacyEventId(sessionId, event);
    }

    /** The id of a stored event of this session (as {@link EventId} formats it). */
    static String of(String sessionId, String eventId) {
        return sessionId + "." + eventId;
    }

    @Override
    public String toString() {
        return of(sessionId, event == null ? START : event.toString());
    }
}
