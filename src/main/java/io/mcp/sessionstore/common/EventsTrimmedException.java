package io.mcp.sessionstore.common;

/** A replay from an event the cap already dropped: it would be incomplete. */
public final class EventsTrimmedException extends StoreException {

    public EventsTrimmedException(String detail) {
        super(detail, null);
    }
}
