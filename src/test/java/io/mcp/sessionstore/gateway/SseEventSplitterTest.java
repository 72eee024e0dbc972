package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventSplitterTest {

    @Test
    void feedWhenEventsArriveInAnyPiecesThenEachWholeOnceWithItsUtf8Intact() {
        String body = "id: 1\ndata: \n\nevent: message\nid: 2\ndata: {\"a\":\"é中\"}\n\nid: 3\r\ndata: {\"b\":1}\r\n\r\n"
                + "data: {\"c\":\ndata: 2}\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            SseEventSplitter splitter = new SseEventSplitter();
            List<String> data = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += size) {
                byte[] piece = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size));
                data.addAll(splitter.feed(piece));
            }
            data.addAll(splitter.finish());
            assertEquals(List.of("{\"a\":\"é中\"}", "{\"b\":1}", "{\"c\":\n2}"), data, "pieces of " + size);
        }
    }

    /** The resume point of each message: the last id the stream set, a priming event's too; ids last until replaced. */
    @Test
    void feedEventsWhenIdsComeAndGoThenEachMessageCarriesTheStreamsLastId() {
        String body = "id: prime\ndata: \n\ndata: {\"a\":1}\n\nid: e2\ndata: {\"b\":2}\n\ndata: {\"c\":3}\n\n: keep-alive\n\n"
                + "id: e4\ndata: {\"d\":4}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            SseEventSplitter splitter = new SseEventSplitter();
            List<ServerSentEventsReader.Event> events = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += size) {
                events.addAll(splitter.feedEvents(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size))));
            }
            events.addAll(splitter.finishEvents());
            assertEquals(List.of(new ServerSentEventsReader.Event("prime", "{\"a\":1}"),
                    new ServerSentEventsReader.Event("e2", "{\"b\":2}"), new ServerSentEventsReader.Event("e2", "{\"c\":3}"),
                    new ServerSentEventsReader.Event("e4", "{\"d\":4}")), events, "pieces of " + size);
        }
    }
}
