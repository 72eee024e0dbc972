package io.mcp.sessionstore.events;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Message bytes as stored: the UTF-8 JSON as sent, deflated when compression is on and it pays. */
final class EventCodec {

    /** Below this, deflate's overhead eats the gain. */
    static final int MIN_COMPRESS_BYTES = 256;

    record Stored(byte[] bytes, boolean compressed) {
    }

    private EventCodec() {
    }

    static Stored encode(byte[] raw, boolean compression) {
        if (raw == null) {
            return new Stored(null, false);
        }
        if (!compression || raw.length < MIN_COMPRESS_BYTES) {
            return new Stored(raw, false);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            byte[] deflated = out.toByteArray();
            return deflated.length < raw.length ? new Stored(deflated, true) : new Stored(raw, false);
        } finally {
            deflater.end();
        }
    }

    static byte[] decode(byte[] bytes, boolean compressed) {
        if (bytes == null || !compressed) {
            return bytes;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored event is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored event is not valid deflate data", e);
        } finally {
            inflater.end();
        }
    }
}
