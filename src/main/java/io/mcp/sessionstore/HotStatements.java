package io.mcp.sessionstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.session.SessionService;

/**
 * The one registry of the statements on the service's hot paths, by name, as the features send them
 * (named {@code :parameters}). The benchmark's baselines run these very statements with pgbench, so
 * that a baseline cannot drift from the service: bench/run calls {@link #main} on the packaged
 * classes, which writes each to DIR/NAME.sql.
 */
public final class HotStatements {

    private HotStatements() {
    }

    public static Map<String, String> all() {
        Map<String, String> all = new TreeMap<>(SessionService.hotStatements());
        all.putAll(EventService.hotStatements());
        return all;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HotStatements DIR");
            System.exit(1);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Map.Entry<String, String> statement : all().entrySet()) {
            Files.writeString(dir.resolve(statement.getKey() + ".sql"), statement.getValue());
        }
    }
}
