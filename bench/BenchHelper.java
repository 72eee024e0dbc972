import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * Helper of bench/run, launched as a single-file program (java BenchHelper.java ...):
 *  sql OUTDIR MESSAGE   writes the service's own SQL statements, read by reflection from the
 *                       packaged classes (the class path holds the packaged app), one file each, so
 *                       that the baseline runs exactly what the service runs and cannot drift from it;
 *                       and MESSAGE deflated as the event store stores it (EventCodec), as a bytea[]
 *                       literal of one element, to OUTDIR/message.deflated.array.
 */
public class BenchHelper {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "sql" -> {
                Path out = Path.of(args[1]);
                Files.createDirectories(out);
                dump(out, "io.mcp.sessionstore.session.SessionSql", "FIND_LIVE", "RECORD_ACTIVITY", "UPSERT");
                dump(out, "io.mcp.sessionstore.cleanup.CleanupRepository", "DELETE_EXPIRED_BATCH");
                dump(out, "io.mcp.sessionstore.events.EventSql", "APPEND", "REPLAY_STATE", "EVENTS_AFTER");
                Files.writeString(out.resolve("message.deflated.array"), deflated(args[2]));
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** As EventCodec.encode with compression on: zlib format, default level. */
    private static String deflated(String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            bytes.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return "{\"\\\\x" + java.util.HexFormat.of().formatHex(bytes.toByteArray()) + "\"}";
    }

    private static void dump(Path out, String className, String... fields) throws Exception {
        Class<?> type = Class.forName(className);
        for (String name : fields) {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            Files.writeString(out.resolve(name + ".sql"), (String) field.get(null));
        }
    }
}
