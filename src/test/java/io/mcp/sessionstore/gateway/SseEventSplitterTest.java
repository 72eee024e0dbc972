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
}
