package io.mcp.sessionstore.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void encodeWhenCompressionOffThenRawUtf8() {
        String message = EventCompressionTest.toolResult(1);
        EventCodec.Stored stored = EventCodec.encode(message.getBytes(StandardCharsets.UTF_8), false);
        assertFalse(stored.compressed());
        assertEquals(message, new String(stored.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void encodeWhenCompressionOnThenSmallerAndRoundTrips() {
        String message = EventCompressionTest.toolResult(2) + "\u00e9\u4e2d";
        EventCodec.Stored stored = EventCodec.encode(message.getBytes(StandardCharsets.UTF_8), true);
        assertTrue(stored.compressed());
        assertTrue(stored.bytes().length * 3 < message.length());
        assertEquals(message, new String(EventCodec.decode(stored.bytes(), true), StandardCharsets.UTF_8));
    }

    @Test
    void encodeWhenSmallOrPrimingThenStoredAsIs() {
        assertFalse(EventCodec.encode("{\"a\":1}".getBytes(StandardCharsets.UTF_8), true).compressed());
        assertNull(EventCodec.encode(null, true).bytes());
        assertNull(EventCodec.decode(null, false));
    }

    @Test
    void eventIdWhenFormattedThenParsesBackAndRejectsGarbage() {
        String id = EventId.format(42, "stream/with?odd#chars");
        assertTrue(id.matches("[A-Za-z0-9._-]+"));
        assertEquals(new EventId(42, "stream/with?odd#chars"), EventId.parse(id));
        assertNull(EventId.parse("garbage"));
        assertNull(EventId.parse("0.YQ"));
        assertNull(EventId.parse("-1.YQ"));
        assertNull(EventId.parse("12."));
        assertNull(EventId.parse("x.YQ"));
    }
}
