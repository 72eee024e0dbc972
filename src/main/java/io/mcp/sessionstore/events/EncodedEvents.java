package io.mcp.sessionstore.events;

import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * Messages as their statement binds them: two parallel arrays, the stored bytes ({@code bytea[]},
 * null for a priming event) and whether each is deflated ({@code boolean[]}), unnested in order.
 */
public record EncodedEvents(Buffer[] data, Boolean[] compressed) {

    static EncodedEvents of(List<EventMessage> messages, boolean compression) {
        Buffer[] data = new Buffer[messages.size()];
        Boolean[] compressed = new Boolean[messages.size()];
        for (int i = 0; i < data.length; i++) {
            EventCodec.Stored stored = EventCodec.encode(messages.get(i).json(), compression);
            data[i] = stored.bytes() == null ? null : Buffer.buffer(stored.bytes());
            compressed[i] = stored.compressed();
        }
        return new EncodedEvents(data, compressed);
    }

    public int count() {
        return data.length;
    }
}
