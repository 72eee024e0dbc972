package io.mcp.sessionstore.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An event id: {@code <seq>.<base64url(streamId)>}. Opaque to callers and URL-safe; unique across
 * all streams of a session (seq numbers them all); and it names its stream, so a replay knows which
 * stream to continue even when the event itself was trimmed.
 */
public record EventId(long seq, String streamId) {

    public static String format(long seq, String streamId) {
        return seq + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(streamId.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the text is not an id this service hands out. */
    public static EventId parse(String text) {
        if (text == null) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot < 1 || dot == text.length() - 1) {
            return null;
        }
        try {
            long seq = Long.parseLong(text.substring(0, dot));
            String streamId = new String(Base64.getUrlDecoder().decode(text.substring(dot + 1)), StandardCharsets.UTF_8);
            return seq > 0 ? new EventId(seq, streamId) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return format(seq, streamId);
    }
}
