package io.mcp.sessionstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcp.sessionstore.db.NamedSql;

class HotStatementsTest {

    @Test
    void registryWhenListedThenEveryHotPathWithAStatementThatParses() {
        Map<String, String> all = HotStatements.all();
        assertEquals(Set.of("APPEND", "FIND_BOUND", "FIND_LIVE", "RECORD_ACTIVITY", "UPSERT"), all.keySet());
        all.forEach((name, sql) -> assertTrue(NamedSql.of(sql).sql().contains("$1"), name + " has named parameters"));
    }

    @Test
    void mainWhenGivenADirectoryThenOneFileEachWithTheStatementAsSent(@TempDir Path dir) throws Exception {
        HotStatements.main(new String[] { dir.resolve("sql").toString() });
        for (Map.Entry<String, String> statement : HotStatements.all().entrySet()) {
            assertEquals(statement.getValue(), Files.readString(dir.resolve("sql/" + statement.getKey() + ".sql")));
        }
    }
}
