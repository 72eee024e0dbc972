package io.mcp.sessionstore.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the baselines' pgbench scripts from the service's own statements (the files that
 * io.mcp.sessionstore.HotStatements wrote from the packaged classes), one per scenario, and beside
 * each the {@code -D} variables that stand for what the service binds for the scenario's request
 * body. pgbench sends a script's {@code :name}s as the parameters of a prepared statement, so a
 * statement runs as the service sends it, with two rewrites that change nothing it does: the
 * REST API's scope (every session: owner and server null) written as constants, since pgbench
 * cannot pass a null; and the colons of to_char's 'HH24:MI:SS' quoted, which pgbench would take
 * for variables. A statement that no longer has the text to rewrite is an error: review it.
 *
 * <pre>PgbenchScripts SQL_DIR OUT_DIR SESSIONS EVENT_CAP MAX_TOOL_CALLS STORED_MESSAGE</pre>
 * STORED_MESSAGE: the bytea[] literal of one event as the service stored it (bench/run reads it back).
 */
public final class PgbenchScripts {

    static final String TOOL_CALLS = "[{\"name\":\"search\",\"durationMs\":12,\"ok\":true}]";
    private static final Map<String, String> REST_SCOPE = Map.of(
            "CAST(:owner AS text)", "CAST(NULL AS text)",
            "CAST(:scopeServer AS text)", "CAST(NULL AS text)",
            "CAST(:anyServer AS boolean)", "true");
    private static final String TIME_FORMAT = "HH24:MI:SS";
    private static final String TIME_FORMAT_QUOTED = "HH24\":\"MI\":\"SS";
    /** Ids of created sessions: above any preloaded id (1..SESSIONS). */
    private static final long CREATED_IDS_FROM = 1_000_000_000_000L;

    private PgbenchScripts() {
    }

    /** One scenario's script and its -D variables. */
    record Script(String name, String text, List<String> variables) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: PgbenchScripts SQL_DIR OUT_DIR SESSIONS EVENT_CAP MAX_TOOL_CALLS STORED_MESSAGE");
            System.exit(1);
        }
        Path sql = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        List<Script> scripts = scripts(name -> Files.readString(sql.resolve(name + ".sql")), Long.parseLong(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
        for (Script script : scripts) {
            Files.writeString(out.resolve(script.name() + ".sql"), script.text());
            Files.write(out.resolve(script.name() + ".vars"), script.variables());
        }
    }

    interface Statements {
        String read(String name) throws IOException;
    }

    static List<Script> scripts(Statements statements, long sessions, int eventCap, int maxToolCalls, String storedMessage)
            throws IOException {
        String anySession = "\\set id random(1, " + sessions + ")\n";
        String findLive = restScope(statements.read("FIND_LIVE"), "FIND_LIVE");
        String activity = restScope(statements.read("RECORD_ACTIVITY"), "RECORD_ACTIVITY");
        activity = replaceOrFail(activity, TIME_FORMAT, TIME_FORMAT_QUOTED, "RECORD_ACTIVITY");
        String upsert = statements.read("UPSERT");
        String append = statements.read("APPEND");
        List<Script> scripts = new ArrayList<>();
        scripts.add(new Script("get", anySession + statement(findLive), List.of()));
        scripts.add(new Script("activity", anySession + "\\set requests 1\n\\set toolCallCount 1\n\\set errors 0\n"
                + "\\set eventCount 0\n\\set cap " + eventCap + "\n\\set maxToolCalls " + maxToolCalls + "\n"
                + statement(activity),
                List.of("-D", "toolCalls=" + TOOL_CALLS, "-D", "initialized=false", "-D", "streamId=none",
                        "-D", "messages={}", "-D", "compressed={}")));
        scripts.add(new Script("create", "\\set id random(" + CREATED_IDS_FROM + ", " + (CREATED_IDS_FROM * 1000) + ")\n"
                + "\\set ttlSeconds 3600\n" + statement(upsert),
                List.of("-D", "serverId=srv-1", "-D", "userAgent=bench/1.0", "-D", "clientTransport=streamable-http",
                        "-D", "upstreamTransport=stdio", "-D", "protocolVersion=2025-06-18", "-D", "initialized=true",
                        "-D", "capabilities={\"tools\":{}}", "-D", "clientInfo={\"name\":\"bench\",\"version\":\"1.0\"}",
                        "-D", "attributes={}", "-D", "replace=false")));
        StringBuilder stream = new StringBuilder("\\set sessionId random(1, " + sessions + ")\n"
                + "\\set streamId random(1, 1000000000000)\n\\set eventCount 1\n\\set cap " + eventCap + "\n");
        for (int i = 0; i < 10; i++) {
            stream.append(statement(append));
        }
        scripts.add(new Script("append10", stream.toString(), List.of("-D", "messages=" + storedMessage,
                "-D", "compressed={t}", "-D", "channel=mcp_session_events")));
        return scripts;
    }

    private static String restScope(String sql, String name) {
        String scoped = sql;
        for (Map.Entry<String, String> rewrite : REST_SCOPE.entrySet()) {
            scoped = replaceOrFail(scoped, rewrite.getKey(), rewrite.getValue(), name);
        }
        return scoped;
    }

    private static String replaceOrFail(String sql, String from, String to, String name) {
        if (!sql.contains(from)) {
            throw new IllegalStateException(name + " no longer contains " + from + ": review PgbenchScripts");
        }
        return sql.replace(from, to);
    }

    /** pgbench ends a statement at a semicolon at the end of a line; one statement may span lines. */
    private static String statement(String sql) {
        return sql.strip() + ";\n";
    }
}
