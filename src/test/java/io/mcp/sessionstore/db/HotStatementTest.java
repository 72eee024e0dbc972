package io.mcp.sessionstore.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

class HotStatementTest {

    private static final HotStatement UPDATE = HotStatement.of("t", "UPDATE t SET n = n + :n WHERE id = :id")
            .withRowsForm("UPDATE t SET n = n + input.p_n FROM " + HotStatement.unnestInput("id text", "n bigint")
                    + " WHERE t.id = input.p_id", "id");

    private static Map<String, Object> caller(String id, Object n) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("n", n);
        return parameters;
    }

    @Test
    void unnestInputWhenParametersGivenThenArraysInOrderAndBatchOrdLast() {
        assertEquals("(SELECT CAST(:id AS text[]) AS a1, CAST(:n AS bigint[]) AS a2 OFFSET 0) AS arrays"
                + " CROSS JOIN LATERAL unnest(arrays.a1, arrays.a2) WITH ORDINALITY AS input(p_id, p_n, batch_ord)",
                HotStatement.unnestInput("id text", "n bigint"));
    }

    @Test
    void fromInputWhenFragmentHasParametersThenEachTheCallersColumnAndQuotesLeftAlone() {
        assertEquals("id = input.p_id AND to_char(now(), 'HH24:MI') <> input.p_at AND x::text = input.p_id",
                HotStatement.fromInput("id = :id AND to_char(now(), 'HH24:MI') <> :at AND x::text = :id"));
    }

    @Test
    void bindRowsWhenCallersGivenThenOneArrayPerParameterInBatchOrderAndIntegersWidened() {
        Tuple tuple = UPDATE.bindRows(List.of(caller("a", 1), caller("b", null), caller("c", 3L)));
        assertArrayEquals(new String[] {"a", "b", "c"}, (String[]) tuple.getValue(0));
        assertArrayEquals(new Long[] {1L, null, 3L}, (Long[]) tuple.getValue(1));
    }

    @Test
    void bindRowsWhenAParameterIsNullForAllThenATextArrayOfNulls() {
        Tuple tuple = UPDATE.bindRows(List.of(caller("a", null), caller("b", null)));
        assertArrayEquals(new String[] {null, null}, (String[]) tuple.getValue(1));
    }

    @Test
    void bindRowsWhenCallersHaveArraysThenFlattenedWithTheirCallerAndPosition() {
        HotStatement append = HotStatement.of("t", "SELECT :id, :messages").withRowsForm(
                "SELECT :id, :messages, :compressed, :nestedCaller, :nestedPosition", null);
        Map<String, Object> first = new HashMap<>(Map.of("id", "a", "messages", new Buffer[] {Buffer.buffer("1"), null},
                "compressed", new Boolean[] {false, true}));
        Map<String, Object> none = new HashMap<>(Map.of("id", "b", "messages", new Buffer[0], "compressed", new Boolean[0]));
        Map<String, Object> third = new HashMap<>(Map.of("id", "c", "messages", new Buffer[] {Buffer.buffer("3")},
                "compressed", new Boolean[] {false}));
        Tuple tuple = append.bindRows(List.of(first, none, third));
        assertArrayEquals(new String[] {"a", "b", "c"}, (String[]) tuple.getValue(0));
        assertArrayEquals(new Buffer[] {Buffer.buffer("1"), null, Buffer.buffer("3")}, (Buffer[]) tuple.getValue(1));
        assertArrayEquals(new Boolean[] {false, true, false}, (Boolean[]) tuple.getValue(2));
        assertArrayEquals(new Long[] {1L, 1L, 3L}, (Long[]) tuple.getValue(3), "whose element each is, by batch_ord");
        assertArrayEquals(new Long[] {1L, 2L, 1L}, (Long[]) tuple.getValue(4), "its place in its caller's array");
    }

    @Test
    void bindRowsWhenACallerLacksAParameterThenRefused() {
        Map<String, Object> incomplete = new HashMap<>(Map.of("id", "a"));
        assertThrows(IllegalArgumentException.class, () -> UPDATE.bindRows(List.of(caller("b", 1), incomplete)));
    }

    @Test
    void rowsFormWhenTwoCallersShareTheDistinctParameterThenNotServedAndAloneNeither() {
        assertTrue(UPDATE.rowsFormServes(List.of(caller("a", 1), caller("b", 1))));
        assertFalse(UPDATE.rowsFormServes(List.of(caller("a", 1), caller("b", 1), caller("a", 2))), "one UPDATE changes a row once");
        assertFalse(UPDATE.rowsFormServes(List.of(caller("a", 1))), "a lone caller goes with the one-caller form");
        assertFalse(HotStatement.of("t", "SELECT :id").rowsFormServes(List.of(caller("a", 1), caller("b", 1))), "no rows form");
        HotStatement read = HotStatement.of("t", "SELECT :id").withRowsForm("SELECT " + HotStatement.unnestInput("id text"), null);
        assertTrue(read.rowsFormServes(List.of(caller("a", 1), caller("a", 1))), "a read may repeat an id");
        HotStatement small = HotStatement.of("t", "SELECT :n").withRowsForm("SELECT " + HotStatement.unnestInput("n bigint"),
                null, caller -> caller.get("n") != null);
        assertTrue(small.rowsFormServes(List.of(caller("a", 1), caller("b", 2))));
        assertFalse(small.rowsFormServes(List.of(caller("a", 1), caller("b", null))), "a caller the rows form cannot serve");
    }
}
