package io.mcp.sessionstore.db;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A hot statement that {@link Database#executeBatched} may send for many callers at once. It has the
 * one-caller form, and may have a <em>rows form</em>: one statement for a whole batch, written with
 * the same {@code :name} parameters, each bound to an array of the callers' values in batch order
 * (unnest them {@code WITH ORDINALITY AS ...(..., batch_ord)} and return {@code batch_ord} with each
 * row: it says whose the row is, 1 for the first caller). A parameter whose per-caller value is an
 * array (a stream's messages) is flattened into one array of every caller's elements, beside
 * {@code :nestedCaller} (whose element it is, by batch_ord) and {@code :nestedPosition} (its place in
 * that caller's array, from 1; a caller's arrays all have one length). One statement parses, plans
 * and executes once for the batch, where a pipelined batch does it per caller: about twice the rows
 * per second of PostgreSQL's time (docs/design-notes.md, "one statement per batch").
 */
public final class HotStatement {

    static final String BATCH_ORD = "batch_ord";
    static final String NESTED_CALLER = "nestedCaller";
    static final String NESTED_POSITION = "nestedPosition";

    private final String name;
    private final NamedSql single;
    private final NamedSql rows;
    private final String distinctBy;
    private final Predicate<Map<String, ?>> servesCaller;

    private HotStatement(String name, NamedSql single, NamedSql rows, String distinctBy,
            Predicate<Map<String, ?>> servesCaller) {
        this.name = name;
        this.single = single;
        this.rows = rows;
        this.distinctBy = distinctBy;
        this.servesCaller = servesCaller;
    }

    /**
     * A statement whose batches go pipelined: one Bind/Execute per caller, one Sync. {@code name}: the
     * statement's name in its feature's {@code hotStatements()} (FIND_LIVE), which its batch spans carry.
     */
    public static HotStatement of(String name, String sql) {
        return new HotStatement(name, NamedSql.of(sql), null, null, caller -> false);
    }

    /**
     * The same statement with a rows form. {@code distinctBy}: the parameter (a session id) that no two
     * callers of one rows-form batch may share, for a statement that could change a row only once
     * (an {@code UPDATE ... FROM}); a batch where two share it goes pipelined, each caller's statement
     * after the one before. Null when callers may share it (a read).
     */
    public HotStatement withRowsForm(String rowsSql, String distinctBy) {
        return withRowsForm(rowsSql, distinctBy, caller -> true);
    }

    /** A rows form that serves only batches whose every caller passes {@code servesCaller}. */
    public HotStatement withRowsForm(String rowsSql, String distinctBy,
            Predicate<Map<String, ?>> servesCaller) {
        return new HotStatement(name, single, NamedSql.of(rowsSql), distinctBy, servesCaller);
    }

    /**
     * A rows form's input, a FROM item: {@code unnest(...) WITH ORDINALITY AS input(p_name, ...,
     * batch_ord)} over {@code CAST(:name AS type[])}, one {@code "name type"} per parameter. The arrays
     * come through a subquery the planner keeps ({@code OFFSET 0}), so that it never sees how long they
     * are: with the length in sight, every custom plan of a small batch looked cheaper than the generic
     * plan, PostgreSQL planned the statement again on every execution, and small batches were slower
     * than pipelined ones (docs/design-notes.md, "one statement per batch").
     */
    public static String unnestInput(String... parameters) {
        StringBuilder arrays = new StringBuilder("(SELECT ");
        StringBuilder unnest = new StringBuilder(" CROSS JOIN LATERAL unnest(");
        StringBuilder columns = new StringBuilder(" WITH ORDINALITY AS input(");
        for (int i = 0; i < parameters.length; i++) {
            String[] nameAndType = parameters[i].split(" ", 2);
            String separator = i == 0 ? "" : ", ";
            arrays.append(separator).append("CAST(:").append(nameAndType[0]).append(" AS ").append(nameAndType[1])
                    .append("[]) AS a").append(i + 1);
            unnest.append(separator).append("arrays.a").append(i + 1);
            columns.append("p_").append(nameAndType[0]).append(", ");
        }
        return arrays + " OFFSET 0) AS arrays" + unnest + ")" + columns + BATCH_ORD + ")";
    }

    /** A one-caller fragment for the rows form: each {@code :name} becomes the caller's {@code input.p_name}. */
    public static String fromInput(String fragment) {
        return NamedSql.replaceParameters(fragment, name -> "input.p_" + name);
    }

    String name() {
        return name;
    }

    NamedSql single() {
        return single;
    }

    /** Whether this batch can go as the rows form. */
    boolean rowsFormServes(List<Map<String, ?>> callers) {
        if (rows == null || callers.size() < 2 || !callers.stream().allMatch(servesCaller)) {
            return false;
        }
        if (distinctBy == null) {
            return true;
        }
        Set<Object> seen = new HashSet<>();
        for (Map<String, ?> caller : callers) {
            if (!seen.add(caller.get(distinctBy))) {
                return false;
            }
        }
        return true;
    }

    NamedSql rows() {
        return Objects.requireNonNull(rows, "no rows form");
    }

    /** The rows form's parameters for these callers, in placeholder order. */
    Tuple bindRows(List<Map<String, ?>> callers) {
        Tuple tuple = Tuple.tuple();
        for (String name : rows().names()) {
            if (name.equals(NESTED_CALLER) || name.equals(NESTED_POSITION)) {
                tuple.addValue(nestedIndex(callers, name.equals(NESTED_CALLER)));
            } else {
                tuple.addValue(column(callers, name));
            }
        }
        return tuple;
    }

    private static Object column(List<Map<String, ?>> callers, String name) {
        List<Object> values = new ArrayList<>(callers.size());
        Class<?> type = null;
        for (Map<String, ?> caller : callers) {
            if (!caller.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            Object value = caller.get(name);
            if (value instanceof Object[] elements) {
                type = type == null ? elements.getClass().getComponentType() : type;
                for (Object element : elements) {
                    values.add(widened(element));
                }
            } else {
                Object widened = widened(value);
                type = type == null && widened != null ? widened.getClass() : type;
                values.add(widened);
            }
        }
        Class<?> elementType = type == null ? String.class : type == Integer.class ? Long.class : type;
        Object array = Array.newInstance(elementType, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }

    /** Integers go as bigint[]: the rows forms cast their counts to bigint. */
    private static Object widened(Object value) {
        return value instanceof Integer number ? Long.valueOf(number) : value;
    }

    private static Long[] nestedIndex(List<Map<String, ?>> callers, boolean caller) {
        List<Long> index = new ArrayList<>();
        for (int i = 0; i < callers.size(); i++) {
            int length = callers.get(i).values().stream().filter(Object[].class::isInstance)
                    .mapToInt(value -> ((Object[]) value).length).findFirst().orElse(0);
            for (int position = 1; position <= length; position++) {
                index.add(caller ? i + 1L : position);
            }
        }
        return index.toArray(Long[]::new);
    }
}
