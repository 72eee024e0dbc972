package io.mcp.sessionstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PgbenchScriptsTest {

    private static final String SCOPE = "id = :id AND (CAST(:owner AS text) IS NULL OR owner_key = CAST(:owner AS text))"
            + " AND (CAST(:anyServer AS boolean) OR server_id IS NOT DISTINCT FROM CAST(:scopeServer AS text))";
    private static final Map<String, String> STATEMENTS = Map.of(
            "FIND_LIVE", "SELECT id FROM sessions WHERE " + SCOPE,
            "RECORD_ACTIVITY", "UPDATE sessions SET at = to_char(now(), 'HH24:MI:SS')\nWHERE " + SCOPE,
            "UPSERT", "INSERT INTO sessions (id) VALUES (:id)",
            "APPEND", "UPDATE sessions SET event_seq = event_seq + :eventCount WHERE id = :sessionId");

    private static List<PgbenchScripts.Script> scripts(Map<String, String> statements) throws IOException {
        return PgbenchScripts.scripts(statements::get, 500, 1000, 100, "{\"\\\\x78\"}");
    }

    private static PgbenchScripts.Script named(List<PgbenchScripts.Script> scripts, String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void scriptsWhenWrittenThenTheServicesStatementsWithTheRestScopeAsConstants() throws IOException {
        List<PgbenchScripts.Script> scripts = scripts(STATEMENTS);
        assertEquals(List.of("get", "activity", "create", "append10"), scripts.stream().map(PgbenchScripts.Script::name).toList());
        String get = named(scripts, "get").text();
        assertTrue(get.startsWith("\\set id random(1, 500)\n"), get);
        assertTrue(get.contains("CAST(NULL AS text) IS NULL") && get.contains("(true OR server_id"), get);
        assertFalse(get.contains(":owner") || get.contains(":anyServer") || get.contains(":scopeServer"), get);
        assertTrue(get.endsWith(";\n"), "one statement, ended for pgbench");
    }

    @Test
    void activityWhenWrittenThenTimeFormatColonsQuotedAndTheToolCallBound() throws IOException {
        PgbenchScripts.Script activity = named(scripts(STATEMENTS), "activity");
        assertTrue(activity.text().contains("'HH24\":\"MI\":\"SS'"), activity.text());
        assertTrue(activity.text().contains("\\set maxToolCalls 100\n"), activity.text());
        assertTrue(activity.variables().contains("toolCalls=" + PgbenchScripts.TOOL_CALLS), activity.variables().toString());
    }

    @Test
    void append10WhenWrittenThenTenAppendsOfTheStoredMessageToOneStream() throws IOException {
        PgbenchScripts.Script append = named(scripts(STATEMENTS), "append10");
        assertEquals(10, append.text().split("WHERE id = :sessionId;\n", -1).length - 1, append.text());
        assertEquals(1, append.text().split("\\\\set streamId", -1).length - 1, "one stream per transaction");
        assertTrue(append.variables().contains("messages={\"\\\\x78\"}"), append.variables().toString());
    }

    @Test
    void scriptsWhenAStatementLostTheTextToRewriteThenAnErrorNamingIt() {
        Map<String, String> changed = new java.util.HashMap<>(STATEMENTS);
        changed.put("RECORD_ACTIVITY", "UPDATE sessions SET at = now() WHERE " + SCOPE);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> scripts(changed));
        assertTrue(error.getMessage().contains("RECORD_ACTIVITY") && error.getMessage().contains("HH24:MI:SS"), error.getMessage());
    }
}
