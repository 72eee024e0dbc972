package io.mcp.sessionstore.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Tuple;

class NamedSqlTest {

    @Test
    void namesWhenRepeatedThenOnePlaceholderEach() {
        NamedSql sql = NamedSql.of("SELECT 1 FROM t WHERE a = :id AND b > :limit OR c = :id");
        assertEquals("SELECT 1 FROM t WHERE a = $1 AND b > $2 OR c = $1", sql.sql());
        assertEquals(List.of("id", "limit"), sql.names());
    }

    @Test
    void colonsWhenInsideQuotesOrCastsThenLeftAlone() {
        NamedSql sql = NamedSql.of("SELECT to_char(now(), 'HH24:MI:SS'), \"a:b\", x::text, :value");
        assertEquals("SELECT to_char(now(), 'HH24:MI:SS'), \"a:b\", x::text, $1", sql.sql());
        assertEquals(List.of("value"), sql.names());
    }

    @Test
    void bindWhenValuesGivenThenInPlaceholderOrderNullsIncluded() {
        NamedSql sql = NamedSql.of("UPDATE t SET a = :a, b = :b WHERE id = :id");
        Map<String, Object> values = new HashMap<>();
        values.put("id", "x");
        values.put("a", 1L);
        values.put("b", null);
        Tuple tuple = sql.bind(values);
        assertEquals(3, tuple.size());
        assertEquals(1L, tuple.getValue(0));
        assertEquals(null, tuple.getValue(1));
        assertEquals("x", tuple.getValue(2));
    }

    @Test
    void bindWhenValueMissingThenRefusedNamingIt() {
        NamedSql sql = NamedSql.of("SELECT :a, :b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sql.bind(Map.of("a", 1)));
        assertEquals("no value for :b", e.getMessage());
    }
}
